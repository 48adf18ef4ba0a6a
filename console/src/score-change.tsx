import type { ScoresAnswer } from '@tenpoint/shared';

type Compared = Pick<ScoresAnswer, 'change' | 'changeReason'>;

/** A score's change against the previous period, in the API's words and with its margin; or why there is none. */
export function ChangeWords({ compared, testId }: { compared: Compared; testId?: string }) {
  const { change, changeReason } = compared;
  if (!change)
    return (
      <span class="change none" data-testid={testId}>
        {changeReason ? `not compared: ${changeReason}` : '–'}
      </span>
    );
  const direction = change.points > 0 ? 'up' : change.points < 0 ? 'down' : 'flat';
  return (
    <span class={`change ${direction}${change.significant ? ' significant' : ''}`} data-testid={testId}>
      <span data-testid={testId && `${testId}-words`}>{change.words}</span>{' '}
      <span class="change-margin" data-testid={testId && `${testId}-margin`}>
        (± {change.marginOfError})
      </span>
    </span>
  );
}

/** The previous period's first and last day, as dates in the query's zone. */
export function previousRange(answer: Pick<ScoresAnswer, 'previous'>, tz: string): string | null {
  if (!answer.previous) return null;
  const day = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: tz });
  return `${day(answer.previous.from)} to ${day(new Date(Date.parse(answer.previous.to) - 1).toISOString())}`;
}
