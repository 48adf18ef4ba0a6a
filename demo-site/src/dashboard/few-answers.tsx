/** Below this many answers a score is flagged: asked of the API with every query, shown beside the score. */
export const minSample = 30;

/** The marker beside a score of too few answers to trust. */
export function FewAnswers({ show }: { show: boolean | undefined }) {
  return show ? (
    <span class="few-answers" title={`fewer than ${minSample} answers: the score may move a lot with the next ones`}>
      {' '}
      few answers
    </span>
  ) : null;
}
