/** Below this many responses a score is flagged: asked of the API with every query, shown beside the score. */
export const minSample = 30;

/** The marker beside a score of too few responses to trust. */
export function FewResponses({ show }: { show: boolean | undefined }) {
  return show ? (
    <span class="few-responses" title={`fewer than ${minSample} responses: the score may move a lot with the next ones`}>
      {' '}
      few responses
    </span>
  ) : null;
}
