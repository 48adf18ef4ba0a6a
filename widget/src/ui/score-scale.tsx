import type { RenderableSurvey } from '@tenpoint/shared';

interface ScoreScaleProps {
  survey: RenderableSurvey;
  value: number | undefined;
  onPick: (score: number) => void;
}

const steps: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function ScoreScale({ survey, value, onPick }: ScoreScaleProps) {
  const { scale, strings } = survey;
  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
  const tabStop = value ?? scale.min;

  // Arrows only move focus: picking posts a response, so it waits for Enter, Space or a click.
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
    const from = buttons.indexOf(event.target as HTMLButtonElement);
    const last = buttons.length - 1;
    let step = steps[event.key];
    if (step && survey.dir === 'rtl' && /Left|Right/.test(event.key)) step = -step;
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? last : step ? (from + step + buttons.length) % buttons.length : -1;
    if (to < 0 || from < 0) return;
    event.preventDefault();
    buttons[to]?.focus();
  };

  return (
    <div class="scale">
      <div
        class="scores"
        role="radiogroup"
        aria-labelledby="tp-question"
        aria-describedby="tp-low tp-high"
        style={`--tp-count:${scores.length}`}
        onKeyDown={onKeyDown}
      >
        {scores.map((score) => (
          // biome-ignore lint/a11y/useSemanticElements: a radio group of buttons with a roving tab stop, WAI-ARIA's pattern
          <button
            key={score}
            type="button"
            role="radio"
            aria-checked={score === value}
            aria-label={strings.scoreLabel.replace('{score}', `${score}`).replace('{max}', `${scale.max}`)}
            tabIndex={score === tabStop ? 0 : -1}
            onClick={() => onPick(score)}
          >
            {score}
          </button>
        ))}
      </div>
      <div class="anchors">
        <span id="tp-low">{strings.lowLabel}</span>
        <span id="tp-high">{strings.highLabel}</span>
      </div>
    </div>
  );
}
