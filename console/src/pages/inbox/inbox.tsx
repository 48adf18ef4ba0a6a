import './inbox.css';
import { type InboxItem, importFormatNames, type MemberAnswer } from '@tenpoint/shared';
import { useEffect, useState } from 'preact/hooks';
import { api, siteClient } from '../../api.ts';
import { can } from '../../roles.ts';
import { useRoute } from '../../router.ts';
import { useSession } from '../../session.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { Site } from '../../types.ts';
import { PageTitle } from '../../ui/page-title.tsx';
import { useLoad } from '../../use-load.ts';
import { type InboxFilters, InboxFiltersForm } from './inbox-filters.tsx';
import { age, isTyping, stateWords } from './inbox-words.ts';
import { ResponsePane } from './response-pane.tsx';

interface InboxPage {
  data: InboxItem[];
  nextCursor: string | null;
  counts: { open: number; unassigned: number; mine: number | null };
}

const linkableFilters = ['state', 'owner', 'tag', 'category', 'hasComment', 'accountId', 'surveyId'] as const;
const filtersOf = (query: URLSearchParams): InboxFilters => ({
  state: 'open',
  ...Object.fromEntries(linkableFilters.flatMap((name) => (query.get(name) ? [[name, query.get(name)!]] : []))),
});

/** The site's responses to follow up: detractors with comments first, a detail pane, keyboard shortcuts and bulk changes. */
export function Inbox({ site }: { site: Site }) {
  const { organization, role } = useWorkspace();
  const { me } = useSession();
  const client = siteClient(site.id);
  const writable = can.followUp(role);
  // A link (an alert, the digest, the dashboard) may name filters and the response to open.
  const { query } = useRoute();
  const [filters, setFilters] = useState<InboxFilters>(() => filtersOf(query));
  const [version, setVersion] = useState(0);
  const [cursor, setCursor] = useState(0);
  const [openId, setOpenId] = useState<string | undefined>(() => query.get('response') ?? undefined);
  const [closing, setClosing] = useState(false);
  const [checked, setChecked] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  const page = useLoad(() => client.get<InboxPage>('/v1/inbox', { ...filters, limit: '100' }), [JSON.stringify(filters), version]);
  const members = useLoad(
    () => api.get<{ data: MemberAnswer[] }>(`/v1/organizations/${organization.id}/members`).then((answer) => answer.data),
    [organization.id],
  );
  const myMemberId = members.data?.find((member) => member.userId === me?.user.id)?.id;
  const items = page.data?.data ?? [];
  const current = items[Math.min(cursor, items.length - 1)];
  const reload = () => setVersion((value) => value + 1);

  const change = async (ids: string[], patch: object) => {
    setProblem(undefined);
    try {
      if (ids.length === 1) await client.patch(`/v1/responses/${ids[0]}/follow-up`, patch);
      else await api.post('/v1/follow-ups/bulk', { responseIds: ids, change: patch }, site.id);
      reload();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey || items.length === 0) return;
      const key = event.key;
      if (key === 'j' || key === 'ArrowDown') setCursor((index) => Math.min(index + 1, items.length - 1));
      else if (key === 'k' || key === 'ArrowUp') setCursor((index) => Math.max(index - 1, 0));
      else if (key === 'Enter' && current) setOpenId(current.id);
      else if (key === 'a' && current && writable && myMemberId) void change([current.id], { ownerId: myMemberId });
      else if (key === 'c' && current && writable) {
        setOpenId(current.id);
        setClosing(true);
      } else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const counts = page.data?.counts;
  return (
    <>
      <PageTitle title={`Inbox · ${site.name}`}>Inbox</PageTitle>
      {counts && (
        <p>
          {counts.open} open · {counts.unassigned} unassigned{counts.mine !== null ? ` · ${counts.mine} yours` : ''}
        </p>
      )}
      <p class="hint" id="inbox-keys">
        Keys: j or ↓ next, k or ↑ previous, Enter opens{writable ? ', a assigns to me, c closes (asks how it was resolved)' : ''}.
      </p>
      <InboxFiltersForm filters={filters} members={members.data ?? []} onChange={setFilters} canUseMe={Boolean(myMemberId)} />
      {writable && checked.length > 0 && (
        <BulkBar
          count={checked.length}
          members={members.data ?? []}
          onChange={(patch) => change(checked, patch).then(() => setChecked([]))}
        />
      )}
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
      {page.error && (
        <p class="problem" role="alert">
          {page.error}
        </p>
      )}
      <div class="inbox">
        <ul class="inbox-list" aria-label="Responses to follow up" aria-describedby="inbox-keys">
          {items.map((item, index) => (
            <InboxRow
              key={item.id}
              item={item}
              selected={item.id === current?.id}
              checked={checked.includes(item.id)}
              writable={writable}
              onCheck={(on) => setChecked((ids) => (on ? [...ids, item.id] : ids.filter((id) => id !== item.id)))}
              onOpen={() => {
                setCursor(index);
                setOpenId(item.id);
              }}
            />
          ))}
          {!page.loading && items.length === 0 && <li class="inbox-empty">Nothing to follow up here.</li>}
        </ul>
        {openId && (
          <ResponsePane
            key={openId}
            version={version}
            site={site}
            responseId={openId}
            members={members.data ?? []}
            writable={writable}
            closing={closing}
            onClosingDone={() => setClosing(false)}
            onChanged={reload}
          />
        )}
      </div>
    </>
  );
}

function InboxRow(props: {
  item: InboxItem;
  selected: boolean;
  checked: boolean;
  writable: boolean;
  onCheck: (on: boolean) => void;
  onOpen: () => void;
}) {
  const { item, selected, checked, writable } = props;
  const unassigned = item.followUp.owner === null;
  return (
    <li class={`inbox-row${selected ? ' selected' : ''}${unassigned ? ' unassigned' : ''}`} aria-current={selected ? 'true' : undefined}>
      {writable && (
        <input
          type="checkbox"
          aria-label={`Select the response of ${item.user.userId}`}
          checked={checked}
          onChange={(event) => props.onCheck(event.currentTarget.checked)}
        />
      )}
      <button type="button" class="inbox-open" onClick={props.onOpen}>
        <span class="inbox-score">{item.score}</span> <strong>{item.category}</strong> · {item.survey.name} · {item.user.userId}
        {item.account ? ` (${item.account.id})` : ''}
        <span class="inbox-age"> · {age(item.createdAt)}</span>
        {item.importedFrom && <small class="imported"> · imported from {importFormatNames[item.importedFrom]}</small>}
        {item.comment && <span class="inbox-comment">{item.comment}</span>}
      </button>
      <span class="inbox-status">
        {stateWords[item.followUp.state]} ·{' '}
        {unassigned ? <span class="badge unassigned-badge">Unassigned</span> : `Owner: ${item.followUp.owner?.name}`}
        {item.followUp.tags.map((tag) => (
          <span key={tag} class="badge">
            {tag}
          </span>
        ))}
      </span>
    </li>
  );
}

function BulkBar({ count, members, onChange }: { count: number; members: MemberAnswer[]; onChange: (patch: object) => void }) {
  const [owner, setOwner] = useState('');
  const [tag, setTag] = useState('');
  return (
    <fieldset class="card bulk-bar">
      <legend>Change the {count} selected</legend>
      <label for="bulk-owner">Assign to</label>
      <select id="bulk-owner" value={owner} onChange={(event) => setOwner(event.currentTarget.value)}>
        <option value="">Choose a member</option>
        {members.map((member) => (
          <option key={member.id} value={member.id}>
            {member.name || member.email}
          </option>
        ))}
      </select>
      <button type="button" disabled={!owner} onClick={() => onChange({ ownerId: owner })}>
        Assign selected
      </button>
      <label for="bulk-tag">Tag</label>
      <input id="bulk-tag" value={tag} onInput={(event) => setTag(event.currentTarget.value)} />
      <button type="button" disabled={!tag.trim()} onClick={() => onChange({ addTags: [tag.trim()] })}>
        Tag selected
      </button>
    </fieldset>
  );
}
