import type { RenderableSurvey } from '@tenpoint/shared';
import { bandOnScale } from '@tenpoint/shared/scores';
import { useEffect, useRef, useState } from 'preact/hooks';
import { FollowUp } from './follow-up.tsx';
import { ScoreScale } from './score-scale.tsx';

interface SurveyProps {
  survey: RenderableSurvey;
  onRespond: (score: number, comment?: string) => void;
  onDecline: () => void;
  onClose: () => void;
}

const thanksFor = 3000;
// Long enough to read the thank-you and decide to follow its link.
const thanksWithLinkFor = 15000;

export function Survey({ survey, onRespond, onDecline, onClose }: SurveyProps) {
  const { strings } = survey;
  const modal = survey.appearance.position === 'modal';
  const [score, setScore] = useState<number>();
  const [thanked, setThanked] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const card = useRef<HTMLDivElement>(null);
  const band = score === undefined ? undefined : bandOnScale(survey.scale, score);
  const link = band && survey.thankYouLinks[band];

  // Focus stays where the user is: a key pressed for the page (Enter on its button) must never
  // pick a score. A screen reader hears the survey; Tab reaches it (a modal takes the first Tab).
  useEffect(() => {
    const timer = setTimeout(() => setAnnouncement(strings.question), 100);
    const trap = (event: KeyboardEvent) => event.key === 'Tab' && keepFocusInside(event, card.current!);
    if (modal) document.addEventListener('keydown', trap, true);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('keydown', trap, true);
    };
  }, []);

  useEffect(() => {
    if (!thanked) return;
    card.current?.focus();
    const timer = setTimeout(onClose, link ? thanksWithLinkFor : thanksFor);
    return () => clearTimeout(timer);
  }, [thanked]);

  const pick = (next: number) => {
    if (next === score) return;
    setScore(next);
    onRespond(next);
  };
  const closeOrDecline = () => (score === undefined ? onDecline() : onClose());

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      // The host page's own Escape handlers must not also fire.
      event.stopPropagation();
      closeOrDecline();
    }
  };

  return (
    <>
      {modal && <div class="backdrop" />}
      <div
        ref={card}
        class="card"
        role="dialog"
        aria-modal={modal ? 'true' : undefined}
        aria-labelledby={thanked ? 'tp-thanks' : 'tp-question'}
        dir={survey.dir}
        lang={survey.locale}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <p class="visually-hidden" role="status">
          {announcement}
        </p>
        <button type="button" class="close" aria-label={strings.close} onClick={closeOrDecline}>
          ×
        </button>
        {thanked && band ? (
          <div class="thanks">
            <p id="tp-thanks" role="status">
              {strings.thanks[band]}
            </p>
            {link && (
              <a class="thanks-link" href={link.url} target="_blank" rel="noopener noreferrer">
                {link.label}
              </a>
            )}
          </div>
        ) : (
          <>
            <p id="tp-question" class="question">
              {strings.question}
            </p>
            <ScoreScale survey={survey} value={score} onPick={pick} />
            {band && score !== undefined && (
              <FollowUp
                question={strings.followUp[band]}
                placeholder={strings.placeholder}
                submit={strings.submit}
                onSubmit={(comment) => {
                  if (comment) onRespond(score, comment);
                  setThanked(true);
                }}
              />
            )}
          </>
        )}
      </div>
    </>
  );
}

/** Tab and Shift+Tab cycle through the modal's controls; from the page, Tab moves into the modal. */
function keepFocusInside(event: KeyboardEvent, card: HTMLElement) {
  const focusable = [...card.querySelectorAll<HTMLElement>('button:not([tabindex="-1"]),textarea,a[href]')];
  const [first, last] = [focusable[0], focusable[focusable.length - 1]];
  const active = (card.getRootNode() as ShadowRoot).activeElement;
  const to = !active ? card : event.shiftKey ? (active === first || active === card) && last : active === last && first;
  if (to) {
    event.preventDefault();
    to.focus();
  }
}
