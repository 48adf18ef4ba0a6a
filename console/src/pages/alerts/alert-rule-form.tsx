import type { AlertConditions, AlertRuleAnswer, MemberAnswer, SurveyAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { can } from '../../roles.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { List, Site } from '../../types.ts';
import { Field, FormProblem, Submit, useAction } from '../../ui/form.tsx';
import { useLoad } from '../../use-load.ts';

const categories = ['detractor', 'passive', 'promoter', 'low', 'middle', 'high'] as const;
type TraitCondition = NonNullable<AlertConditions['accountTraits']>[number];
interface TraitRow {
  trait: string;
  op: TraitCondition['op'];
  value: string;
}

const toggle = <T,>(list: readonly T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((each) => each !== value));

/** A trait condition's typed value: numbers for gte and lte, a comma-separated list for `in`. */
function conditionOf(row: TraitRow): TraitCondition {
  if (row.op === 'in') return { trait: row.trait, op: 'in', value: row.value.split(',').map((one) => one.trim()) };
  if (row.op === 'gte' || row.op === 'lte') return { trait: row.trait, op: row.op, value: Number(row.value) };
  return { trait: row.trait, op: 'equals', value: row.value };
}

/** Makes or changes an alert rule: who hears (me or the team), which responses, where, how often. */
export function AlertRuleForm({ site, rule, onSaved }: { site: Site; rule?: AlertRuleAnswer; onSaved: () => void }) {
  const { organization, role } = useWorkspace();
  const [name, setName] = useState(rule?.name ?? '');
  const [scope, setScope] = useState(rule?.scope ?? 'member');
  const [picked, setPicked] = useState<readonly string[]>(rule?.conditions.categories ?? ['detractor']);
  const [withComment, setWithComment] = useState(rule?.conditions.withComment ?? false);
  const [surveyIds, setSurveyIds] = useState<readonly string[]>(rule?.conditions.surveyIds ?? []);
  const [traits, setTraits] = useState<TraitRow[]>(
    (rule?.conditions.accountTraits ?? []).map((one) => ({ ...one, value: [one.value].flat().join(', ') })),
  );
  const [drop, setDrop] = useState(rule?.conditions.accountScoreDrop ? String(rule.conditions.accountScoreDrop.points) : '');
  const [kind, setKind] = useState(rule?.destination.kind ?? 'email');
  const [memberIds, setMemberIds] = useState<readonly string[]>(rule?.destination.kind === 'email' ? rule.destination.memberIds : []);
  const [url, setUrl] = useState(rule?.destination.kind === 'chat' ? rule.destination.url : '');
  const [frequency, setFrequency] = useState(rule?.frequency ?? 'immediate');
  const surveys = useLoad(() => api.get<List<SurveyAnswer>>('/v1/surveys', {}, site.id), [site.id]);
  const members = useLoad(() => api.get<List<MemberAnswer>>(`/v1/organizations/${organization.id}/members`), [organization.id]);
  const traitNames = useLoad(async () => {
    const answer = await api.get<{ data: Array<{ name: string }> }>('/v1/traits', {}, site.id);
    return answer.data.flatMap((trait) => (trait.name.startsWith('account.') ? [trait.name.slice('account.'.length)] : []));
  }, [site.id]);
  const action = useAction();
  const prefix = rule ? `rule-${rule.id.slice(0, 8)}` : 'rule-new';

  const save = () =>
    action.run(async () => {
      const conditions: AlertConditions = {
        ...(picked.length ? { categories: [...picked] as AlertConditions['categories'] } : {}),
        ...(withComment ? { withComment: true } : {}),
        ...(surveyIds.length ? { surveyIds: [...surveyIds] } : {}),
        ...(traits.length ? { accountTraits: traits.filter((row) => row.trait).map(conditionOf) } : {}),
        ...(drop.trim() ? { accountScoreDrop: { points: Number(drop), minResponses: 5 } } : {}),
      };
      const destination = scope === 'member' ? undefined : kind === 'chat' ? { kind, url: url.trim() } : { kind, memberIds };
      const body = { name: name.trim(), conditions, frequency, ...(destination ? { destination } : {}) };
      if (rule) await api.patch(`/v1/alert-rules/${rule.id}`, body, site.id);
      else await api.post('/v1/alert-rules', { ...body, scope }, site.id);
      onSaved();
    });

  return (
    <section class="card" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{rule ? `Change “${rule.name}”` : 'New alert rule'}</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field id={`${prefix}-name`} label="Name" value={name} onInput={setName} error={action.fieldError('name')} />
        {!rule && can.manage(role) && (
          <fieldset class="choices">
            <legend>For</legend>
            {(['member', 'team'] as const).map((value) => (
              <label key={value} class="check">
                <input type="radio" name={`${prefix}-scope`} checked={scope === value} onChange={() => setScope(value)} />{' '}
                {value === 'member' ? 'Me: email to me' : 'The team: email to members, or a chat channel'}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset class="choices">
          <legend>Categories (none ticked: every response)</legend>
          {categories.map((category) => (
            <label key={category} class="check">
              <input
                type="checkbox"
                checked={picked.includes(category)}
                onChange={(e) => setPicked(toggle(picked, category, e.currentTarget.checked))}
              />{' '}
              {category}
            </label>
          ))}
        </fieldset>
        <label class="check">
          <input type="checkbox" checked={withComment} onChange={(e) => setWithComment(e.currentTarget.checked)} /> Only with a comment
          (alerts when the comment arrives)
        </label>
        <fieldset class="choices">
          <legend>Surveys (none ticked: every survey)</legend>
          {surveys.data?.data.map((survey) => (
            <label key={survey.id} class="check">
              <input
                type="checkbox"
                checked={surveyIds.includes(survey.id)}
                onChange={(e) => setSurveyIds(toggle(surveyIds, survey.id, e.currentTarget.checked))}
              />{' '}
              {survey.name}
            </label>
          ))}
        </fieldset>
        <fieldset class="choices">
          <legend>Account traits (all must hold)</legend>
          <datalist id={`${prefix}-traits`}>
            {traitNames.data?.map((trait) => (
              <option key={trait} value={trait} />
            ))}
          </datalist>
          {traits.map((row, index) => {
            const change = (next: Partial<TraitRow>) => setTraits(traits.map((one, at) => (at === index ? { ...one, ...next } : one)));
            return (
              <div key={index} class="inline-fields">
                <label>
                  Trait <input list={`${prefix}-traits`} value={row.trait} onInput={(e) => change({ trait: e.currentTarget.value })} />
                </label>{' '}
                <label>
                  is{' '}
                  <select value={row.op} onChange={(e) => change({ op: e.currentTarget.value as TraitRow['op'] })}>
                    <option value="equals">equal to</option>
                    <option value="in">one of (comma-separated)</option>
                    <option value="gte">at least</option>
                    <option value="lte">at most</option>
                  </select>
                </label>{' '}
                <label>
                  Value <input value={row.value} onInput={(e) => change({ value: e.currentTarget.value })} />
                </label>{' '}
                <button type="button" class="quiet" onClick={() => setTraits(traits.filter((_, at) => at !== index))}>
                  Remove
                </button>
              </div>
            );
          })}
          <button type="button" class="quiet" onClick={() => setTraits([...traits, { trait: '', op: 'equals', value: '' }])}>
            Add a trait condition
          </button>
        </fieldset>
        <Field
          id={`${prefix}-drop`}
          label="Account score drop (points, optional)"
          hint="Alert when this response lowers its account's score over the last 90 days by at least this much (5 responses or more)."
          value={drop}
          onInput={setDrop}
          error={action.fieldError('conditions.accountScoreDrop')}
        />
        {scope === 'team' && (
          <fieldset class="choices">
            <legend>Where</legend>
            {(['email', 'chat'] as const).map((value) => (
              <label key={value} class="check">
                <input type="radio" name={`${prefix}-kind`} checked={kind === value} onChange={() => setKind(value)} />{' '}
                {value === 'email' ? 'Email to members' : 'A chat channel (Slack incoming webhook)'}
              </label>
            ))}
            {kind === 'email' ? (
              members.data?.data.map((member) => (
                <label key={member.id} class="check">
                  <input
                    type="checkbox"
                    checked={memberIds.includes(member.id)}
                    onChange={(e) => setMemberIds(toggle(memberIds, member.id, e.currentTarget.checked))}
                  />{' '}
                  {member.name} <span class="hint">{member.email}</span>
                </label>
              ))
            ) : (
              <Field
                id={`${prefix}-url`}
                label="Chat webhook URL"
                type="url"
                hint="The channel's incoming webhook, e.g. https://hooks.slack.com/services/…"
                value={url}
                onInput={setUrl}
                error={action.fieldError('destination.url')}
              />
            )}
          </fieldset>
        )}
        <fieldset class="choices">
          <legend>When</legend>
          {(['immediate', 'hourly'] as const).map((value) => (
            <label key={value} class="check">
              <input type="radio" name={`${prefix}-frequency`} checked={frequency === value} onChange={() => setFrequency(value)} />{' '}
              {value === 'immediate' ? 'At once, one message per response' : 'Hourly, gathered into one message'}
            </label>
          ))}
        </fieldset>
        <FormProblem action={action} fields={['name', 'destination.url', 'conditions.accountScoreDrop']} />
        <Submit busy={action.busy}>{rule ? 'Save the rule' : 'Make the rule'}</Submit>
      </form>
    </section>
  );
}
