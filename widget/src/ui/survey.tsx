import type { RenderableSurvey } from '@tenpoint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { bandOf } from './bands.ts';
import { FollowUp } from './follow-up.tsx';
import { RatingScale } from './rating-scale.tsx';

interface SurveyProps {
  survey: RenderableSurvey;
  onAnswer: (score: number, comment?: string) => void;
  onDecline: () => void;
  onClose: () => void;
}

const thanksFor = 3000;

export function Survey({ survey, onAnswer, onDecline, onClose }: SurveyProps) {
  const { strings } = survey;
  const [score, setScore] = useState<number>();
  const [thanked, setThanked] = useState(false);
  const card = useRef<HTMLDivElement>(null);
  const band = score === undefined ? undefined : bandOf(survey.scale, score);

  useEffect(() => card.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus(), []);

  useEffect(() => {
    if (!thanked) return;
    card.current?.focus();
    const timer = setTimeout(onClose, thanksFor);
    return () => clearTimeout(timer);
  }, [thanked]);

  const pick = (next: number) => {
    if (next === score) return;
    setScore(next);
    onAnswer(next);
  };
  const dismiss = () => (score === undefined ? onDecline() : onClose());

  return (
    <div
      ref={card}
      class="card"
      role="dialog"
      aria-labelledby={thanked ? 'tp-thanks' : 'tp-question'}
      dir={survey.dir}
      lang={survey.locale}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // The host page's own Escape handlers must not also fire.
        event.stopPropagation();
        dismiss();
      }}
    >
      <button type="button" class="close" aria-label={strings.close} onClick={dismiss}>
        ×
      </button>
      {thanked && band ? (
        <p id="tp-thanks" class="thanks" role="status">
          {strings.thanks[band]}
        </p>
      ) : (
        <>
          <p id="tp-question" class="question">
            {strings.question}
          </p>
          <RatingScale survey={survey} value={score} onPick={pick} />
          {band && score !== undefined && (
            <FollowUp
              question={strings.followUp[band]}
              placeholder={strings.placeholder}
              submit={strings.submit}
              onSubmit={(comment) => {
                if (comment) onAnswer(score, comment);
                setThanked(true);
              }}
            />
          )}
        </>
      )}
    </div>
  );
}
