import { importFormatNames, type StoredResponse, type SurveyAnswer } from '@tenpoint/shared';
import { bandOfCategory, bands, categoryName } from '@tenpoint/shared/scores';
import { useEffect, useState } from 'preact/hooks';
import type { Client, Query } from './api.ts';
import type { Filters } from './filters.ts';
import { can } from './roles.ts';
import { useWorkspace } from './shell/workspace.ts';

interface Page {
  data: StoredResponse[];
  nextCursor: string | null;
}

/** The reasons: comments as plain text (never HTML), with who said them, filterable and exportable. */
export function Comments({ client, survey, filters }: { client: Client; survey: SurveyAnswer; filters: Filters }) {
  const [category, setCategory] = useState('');
  const [text, setText] = useState('');
  const [lowestFirst, setLowestFirst] = useState(false);
  const exportable = can.export(useWorkspace().role);
  const [items, setItems] = useState<StoredResponse[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  // The responses themselves have no sample size to flag: minSample is for scores.
  const { minSample: _minSample, ...range } = filters;
  const query: Query = {
    ...range,
    category: category || undefined,
    q: text.trim() || undefined,
    hasComment: 'true',
    sort: lowestFirst ? 'score' : 'newest',
  };

  const load = async (cursor?: string) => {
    try {
      const page = await client.get<Page>('/v1/responses', { ...query, limit: '20', cursor });
      setItems((earlier) => (cursor ? [...earlier, ...page.data] : page.data));
      setNext(page.nextCursor);
      setError(undefined);
    } catch (problem) {
      setError((problem as Error).message);
    } finally {
      setLoaded(true);
    }
  };
  useEffect(() => {
    // Typing waits a moment, so that each key does not start a search.
    const timer = setTimeout(() => void load(), text ? 250 : 0);
    return () => clearTimeout(timer);
  }, [client, filters.surveyId, filters.surveyIds, filters.from, filters.to, category, text, lowestFirst]);

  return (
    <section class="card" aria-labelledby="comments-title">
      <div class="section-head">
        <h2 id="comments-title">Comments</h2>
        {exportable && (
          <button
            type="button"
            class="quiet"
            onClick={() => client.downloadCsv({ ...query, hasComment: undefined }).catch((problem: Error) => setError(problem.message))}
          >
            Export CSV
          </button>
        )}
      </div>
      <div class="comment-filters">
        <label>
          Category{' '}
          <select value={category} onChange={(event) => setCategory(event.currentTarget.value)}>
            <option value="">all</option>
            {bands
              .map((band) => categoryName(survey.type, band))
              .map((name) => (
                <option key={name} value={name}>
                  {name}s
                </option>
              ))}
          </select>
        </label>
        <label>
          Containing <input type="search" value={text} onInput={(event) => setText(event.currentTarget.value)} placeholder="e.g. export" />
        </label>
        <label class="check">
          <input type="checkbox" checked={lowestFirst} onChange={(event) => setLowestFirst(event.currentTarget.checked)} /> Lowest scores
          first
        </label>
      </div>
      {error && <p role="alert">{error}</p>}
      <ul class="comments" aria-label="Comments">
        {items.map((item) => (
          <li key={item.id} class="comment">
            <span
              class={`score ${bandOfCategory(survey.type, item.category) ?? ''}`}
              role="img"
              aria-label={`Score ${item.score}, ${item.category}`}
            >
              {item.score}
            </span>
            <div>
              {/* Text, never markup: whatever a user typed is shown as those characters. */}
              <p class="comment-text">{item.comment}</p>
              <p class="who">
                {item.user.userId}
                {item.account ? ` · ${item.account.id}` : ''}
                {Object.entries(item.user.traits).map(([name, value]) => ` · ${name}: ${String(value)}`)}
                {item.locale ? ` · ${item.locale}` : ''} · {new Date(item.createdAt).toLocaleDateString()}
                {item.importedFrom && <small class="imported"> · imported from {importFormatNames[item.importedFrom]}</small>}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {items.length === 0 && !error && <p>{loaded ? 'No comments match.' : 'Loading comments…'}</p>}
      {next && (
        <button type="button" class="quiet" onClick={() => void load(next)}>
          Show more
        </button>
      )}
    </section>
  );
}
