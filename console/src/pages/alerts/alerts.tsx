import type { AlertRuleAnswer } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { can } from '../../roles.ts';
import { href, navigate, useRoute } from '../../router.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { List, Site } from '../../types.ts';
import { ConfirmStep } from '../../ui/confirm-step.tsx';
import { useAction } from '../../ui/form.tsx';
import { PageTitle } from '../../ui/page-title.tsx';
import { useLoad } from '../../use-load.ts';
import { when } from '../when.ts';
import { AlertRuleForm } from './alert-rule-form.tsx';

const alertsPath = (siteId: string, id?: string) => `/sites/${siteId}/alerts${id ? `?id=${id}` : ''}`;

function summary(rule: AlertRuleAnswer): string {
  const { categories, withComment, surveyIds, accountTraits, accountScoreDrop } = rule.conditions;
  const parts = [
    categories?.join(' or ') ?? 'every response',
    ...(withComment ? ['with a comment'] : []),
    ...(surveyIds ? [`${surveyIds.length} survey(s)`] : []),
    ...(accountTraits ?? []).map((one) => `account ${one.trait} ${one.op} ${[one.value].flat().join(', ')}`),
    ...(accountScoreDrop ? [`account score down ${accountScoreDrop.points}+`] : []),
  ];
  const where = rule.destination.kind === 'chat' ? 'chat channel' : `email to ${rule.destination.memberIds.length} member(s)`;
  return `${parts.join(', ')} → ${rule.scope === 'member' ? 'email to me' : where}, ${rule.frequency}`;
}

/** The site's alert rules: the team's and the member's own; made, changed, paused, tested, deleted. */
export function Alerts({ site }: { site: Site }) {
  const id = useRoute().query.get('id');
  const [count, setCount] = useState(0);
  const rules = useLoad(() => api.get<List<AlertRuleAnswer>>('/v1/alert-rules', {}, site.id), [site.id, count]);
  const back = () => {
    setCount(count + 1);
    navigate(alertsPath(site.id));
  };
  if (id) {
    const rule = rules.data?.data.find((one) => one.id === id);
    return (
      <>
        <PageTitle title={`Alert rule · ${site.name}`}>{rule ? rule.name : 'New alert rule'}</PageTitle>
        <p>
          <a href={href(alertsPath(site.id))}>All alert rules</a>
        </p>
        {id === 'new' || rule ? <AlertRuleForm key={id} site={site} rule={rule} onSaved={back} /> : <p role="status">Loading…</p>}
      </>
    );
  }
  return (
    <>
      <PageTitle title={`Alerts · ${site.name}`}>Alerts</PageTitle>
      <p>Hear about the responses that matter, by email or in a chat channel, at once or once an hour.</p>
      <p>
        <a class="button" href={href(alertsPath(site.id, 'new'))}>
          New alert rule
        </a>
      </p>
      <section class="card" aria-labelledby="rules-title">
        <h2 id="rules-title">Rules</h2>
        {rules.error && <p role="alert">{rules.error}</p>}
        {!rules.data ? (
          !rules.error && <p role="status">Loading alert rules…</p>
        ) : rules.data.data.length === 0 ? (
          <p>No alert rule yet: nobody is told about new responses.</p>
        ) : (
          <ul class="rows" aria-label="Alert rules">
            {rules.data.data.map((rule) => (
              <RuleRow key={rule.id} site={site} rule={rule} onChanged={() => setCount(count + 1)} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function RuleRow({ site, rule, onChanged }: { site: Site; rule: AlertRuleAnswer; onChanged: () => void }) {
  const { role } = useWorkspace();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  const [tested, setTested] = useState<string>();
  const mayChange = rule.scope === 'member' || can.manage(role);
  const run = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      onChanged();
    });
  return (
    <li>
      <div>
        <a href={href(alertsPath(site.id, rule.id))}>{rule.name}</a> <span class="badge">{rule.scope === 'member' ? 'Mine' : 'Team'}</span>
        <p class="hint">{summary(rule)}</p>
        <p class="hint">
          {rule.paused ? 'Paused' : 'Active'} · {rule.lastSentAt ? `last sent ${when(rule.lastSentAt)}` : 'never sent yet'}
          {rule.pending > 0 && ` · ${rule.pending} waiting`}
        </p>
        {rule.lastError && <p class="problem">Last error: {rule.lastError}</p>}
        {tested && <p role="status">{tested}</p>}
        {action.problem && <p role="alert">{action.problem}</p>}
      </div>
      {mayChange && !confirming && (
        <div>
          <button
            type="button"
            class="quiet"
            disabled={action.busy}
            onClick={() => run(() => api.patch(`/v1/alert-rules/${rule.id}`, { paused: !rule.paused }, site.id))}
          >
            {rule.paused ? `Resume ${rule.name}` : `Pause ${rule.name}`}
          </button>{' '}
          <button
            type="button"
            class="quiet"
            disabled={action.busy}
            onClick={() =>
              action.run(async () => {
                const answer = await api.post<{ sent: boolean; to: string[]; error: string | null }>(
                  `/v1/alert-rules/${rule.id}/test`,
                  {},
                  site.id,
                );
                setTested(answer.sent ? `Test sent to ${answer.to.join(', ')}` : `Test not sent: ${answer.error ?? 'unknown'}`);
              })
            }
          >
            Send a test of {rule.name}
          </button>{' '}
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            Delete {rule.name}
          </button>
        </div>
      )}
      {confirming && (
        <ConfirmStep
          button="Delete the rule"
          busy={action.busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() => run(() => api.delete(`/v1/alert-rules/${rule.id}`, {}, site.id))}
        >
          Delete “{rule.name}”? Alerts it has not sent yet are dropped.
        </ConfirmStep>
      )}
    </li>
  );
}
