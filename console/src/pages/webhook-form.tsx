import { type SurveyAnswer, type WebhookAnswer, webhookEvents } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { List, Site } from '../types.ts';
import { type Action, Field, FormProblem, Submit, useAction } from '../ui/form.tsx';
import { useLoad } from '../use-load.ts';

const eventNames: Record<(typeof webhookEvents)[number], string> = {
  'response.created': 'A new response',
  'response.updated': 'A response changed (its comment arrived, or its score)',
  'decline.created': 'A survey closed without an answer',
  'response.assigned': 'A response was assigned to a member',
  'response.closed': 'A response was followed up and closed',
};
const categoryGroups = [
  ['NPS', ['detractor', 'passive', 'promoter']],
  ['CSAT and CES', ['low', 'middle', 'high']],
] as const;
type Event = (typeof webhookEvents)[number];
type Format = WebhookAnswer['format'];

/** The API names the field first (`events: …`, `filter.surveyId: …`, `events.0: …`): its message goes next to that field. */
const problemOf = (action: Action, field: string) => {
  const problem = action.problem;
  return problem && (problem.startsWith(`${field}:`) || problem.startsWith(`${field}.`)) ? problem : undefined;
};

function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <p id={id} class="problem" role="alert">
      {problem}
    </p>
  );
}

const toggle = <T,>(list: readonly T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((each) => each !== value));

interface FormProps {
  site: Site;
  /** The subscription to change; a new one is made without it. */
  webhook?: WebhookAnswer;
  onSaved: (webhook: WebhookAnswer) => void;
}

/** Makes or changes a subscription: its URL, events, filter and format. */
export function WebhookForm({ site, webhook, onSaved }: FormProps) {
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [events, setEvents] = useState<readonly Event[]>(webhook?.events ?? ['response.created']);
  const [categories, setCategories] = useState<readonly string[]>(webhook?.filter.categories ?? []);
  const [surveyId, setSurveyId] = useState(webhook?.filter.surveyId ?? '');
  const [format, setFormat] = useState<Format>(webhook?.format ?? 'event');
  const surveys = useLoad(() => api.get<List<SurveyAnswer>>('/v1/surveys', {}, site.id), [site.id]);
  const action = useAction();
  const prefix = webhook ? `webhook-${webhook.id.slice(0, 8)}` : 'webhook-new';
  const eventsProblem = problemOf(action, 'events');
  const categoriesProblem = problemOf(action, 'filter.categories');
  const surveyProblem = problemOf(action, 'filter.surveyId');
  const save = () =>
    action.run(async () => {
      const filter = { ...(categories.length ? { categories } : {}), ...(surveyId ? { surveyId } : {}) };
      const body = { url: url.trim(), events, filter, format };
      onSaved(
        webhook
          ? await api.patch<WebhookAnswer>(`/v1/webhooks/${webhook.id}`, body, site.id)
          : await api.post<WebhookAnswer>('/v1/webhooks', body, site.id),
      );
    });
  return (
    <section class="card" aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{webhook ? 'Change the webhook' : 'Subscribe a URL'}</h2>
      <form
        class="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field
          id={`${prefix}-url`}
          label="URL"
          type="url"
          hint="Where deliveries are POSTed, e.g. https://hooks.example.com/tenpoint."
          value={url}
          onInput={setUrl}
          error={problemOf(action, 'url')}
        />
        <fieldset class="choices" aria-describedby={eventsProblem ? `${prefix}-events-error` : undefined}>
          <legend>Events</legend>
          {webhookEvents.map((event) => (
            <label key={event} class="check">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(e) => setEvents(toggle(events, event, e.currentTarget.checked))}
              />{' '}
              <span>
                {eventNames[event]} <span class="hint mono">{event}</span>
              </span>
            </label>
          ))}
          <FieldProblem id={`${prefix}-events-error`} problem={eventsProblem} />
        </fieldset>
        <fieldset class="choices" aria-describedby={categoriesProblem ? `${prefix}-categories-error` : undefined}>
          <legend>Only these categories (none ticked: all, and declines)</legend>
          {categoryGroups.map(([group, names]) =>
            names.map((name) => (
              <label key={name} class="check">
                <input
                  type="checkbox"
                  checked={categories.includes(name)}
                  onChange={(e) => setCategories(toggle(categories, name, e.currentTarget.checked))}
                />{' '}
                {name} <span class="hint">({group})</span>
              </label>
            )),
          )}
          <FieldProblem id={`${prefix}-categories-error`} problem={categoriesProblem} />
        </fieldset>
        <div class="form-field">
          <label for={`${prefix}-survey`}>Survey</label>
          <select
            id={`${prefix}-survey`}
            value={surveyId}
            aria-invalid={surveyProblem ? 'true' : undefined}
            aria-describedby={surveyProblem ? `${prefix}-survey-error` : undefined}
            onChange={(event) => setSurveyId(event.currentTarget.value)}
          >
            <option value="">Every survey</option>
            {surveys.data?.data.map((survey) => (
              <option key={survey.id} value={survey.id}>
                {survey.name}
              </option>
            ))}
          </select>
          <FieldProblem id={`${prefix}-survey-error`} problem={surveyProblem} />
        </div>
        <fieldset class="choices">
          <legend>Format</legend>
          {(['event', 'slack'] as const).map((value) => (
            <label key={value} class="check">
              <input type="radio" name={`${prefix}-format`} checked={format === value} onChange={() => setFormat(value)} />{' '}
              <span>{value === 'event' ? 'JSON event (signed)' : 'Slack message (for a Slack incoming webhook)'}</span>
            </label>
          ))}
        </fieldset>
        <FormProblem action={action} fields={['url', 'events', 'filter', 'format']} />
        <Submit busy={action.busy}>{webhook ? 'Save changes' : 'Make the webhook'}</Submit>
      </form>
    </section>
  );
}
