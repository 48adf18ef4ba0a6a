import type { MemberAnswer, SurveyAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { List } from '../../types.ts';
import { useLoad } from '../../use-load.ts';

/** The inbox's query, as GET /v1/inbox takes it (a trait filter as `trait[NAME]`). */
export type InboxFilters = Record<string, string | undefined>;

const choices = {
  state: [
    ['open', 'Open'],
    ['new', 'New'],
    ['in_progress', 'In progress'],
    ['closed', 'Closed'],
    ['all', 'All'],
  ],
  category: [
    ['', 'Any score'],
    ['detractor', 'Low (detractors)'],
    ['passive', 'Middle (passives)'],
    ['promoter', 'High (promoters)'],
  ],
} as const;

/** The inbox's filters: state, owner (me, unassigned, a member), tag, category, account, one trait and survey. */
export function InboxFiltersForm(props: {
  filters: InboxFilters;
  members: MemberAnswer[];
  canUseMe: boolean;
  onChange: (filters: InboxFilters) => void;
}) {
  const { site } = useWorkspace();
  const [draft, setDraft] = useState({ tag: '', accountId: '', traitName: '', traitValue: '' });
  const surveys = useLoad(() => api.get<List<SurveyAnswer>>('/v1/surveys', undefined, site?.id), [site?.id]);
  const set = (name: string, value: string) => props.onChange({ ...props.filters, [name]: value || undefined });
  const apply = () => {
    const next: InboxFilters = {
      state: props.filters.state,
      owner: props.filters.owner,
      category: props.filters.category,
      surveyId: props.filters.surveyId,
    };
    if (draft.tag.trim()) next.tag = draft.tag.trim();
    if (draft.accountId.trim()) next.accountId = draft.accountId.trim();
    if (draft.traitName.trim()) next[`trait[${draft.traitName.trim()}]`] = draft.traitValue;
    props.onChange(next);
  };
  return (
    <form
      class="card inbox-filters"
      aria-label="Filter the inbox"
      onSubmit={(event) => {
        event.preventDefault();
        apply();
      }}
    >
      <Select
        id="filter-state"
        label="State"
        value={props.filters.state ?? 'open'}
        options={choices.state}
        onChange={(value) => set('state', value)}
      />
      <Select
        id="filter-owner"
        label="Owner"
        value={props.filters.owner ?? ''}
        options={[
          ['', 'Anyone'],
          ...(props.canUseMe ? ([['me', 'Me']] as const) : []),
          ['none', 'Unassigned'],
          ...props.members.map((member) => [member.id, member.name || member.email] as const),
        ]}
        onChange={(value) => set('owner', value)}
      />
      <Select
        id="filter-category"
        label="Score"
        value={props.filters.category ?? ''}
        options={choices.category}
        onChange={(value) => set('category', value)}
      />
      <Select
        id="filter-survey"
        label="Survey"
        value={props.filters.surveyId ?? ''}
        options={[['', 'Every survey'], ...(surveys.data?.data ?? []).map((survey) => [survey.id, survey.name] as const)]}
        onChange={(value) => set('surveyId', value)}
      />
      {(['tag', 'accountId', 'traitName', 'traitValue'] as const).map((name) => (
        <div class="form-field" key={name}>
          <label for={`filter-${name}`}>{{ tag: 'Tag', accountId: 'Account', traitName: 'Trait', traitValue: 'Trait value' }[name]}</label>
          <input id={`filter-${name}`} value={draft[name]} onInput={(event) => setDraft({ ...draft, [name]: event.currentTarget.value })} />
        </div>
      ))}
      <button type="submit">Filter</button>
    </form>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (value: string) => void;
}) {
  return (
    <div class="form-field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
