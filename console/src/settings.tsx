import type { SurveyAnswer } from '@tenpoint/shared';
import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, type Client } from './api.ts';
import { can } from './roles.ts';
import { buildPatch, type Fields, fieldsOf } from './settings-fields.ts';
import { useWorkspace } from './shell/workspace.ts';

const locales = ['en', 'nl', 'de', 'fr', 'es', 'it', 'pt', 'sv', 'da', 'nb', 'fi', 'pl', 'ja', 'ar', 'he'];

/** The survey's settings; the API validates, and its message shows next to the field it names. */
export function Settings({ client, survey, onSaved }: { client: Client; survey: SurveyAnswer; onSaved: () => void }) {
  const [locale, setLocale] = useState('en');
  const [fields, setFields] = useState<Fields>(() => fieldsOf(survey, locale));
  const [problem, setProblem] = useState<{ field: string; message: string }>();
  const [saved, setSaved] = useState(false);
  const manage = can.manage(useWorkspace().role);
  useEffect(() => setFields(fieldsOf(survey, locale)), [survey, locale]);

  const input = (name: keyof Fields, label: string, type: 'text' | 'number' = 'text', extra: Record<string, string | number> = {}) => {
    const invalid = problem?.field === name;
    const common = {
      name,
      value: String(fields[name] ?? ''),
      'aria-invalid': invalid ? ('true' as const) : undefined,
      'aria-describedby': invalid ? `${name}-problem` : undefined,
      onInput: (event: Event) => setFields({ ...fields, [name]: (event.currentTarget as HTMLInputElement).value }),
    };
    return (
      // biome-ignore lint/a11y/noLabelWithoutControl: the input is inside, chosen by type below
      <label class="field">
        <span>{label}</span>
        {type === 'number' ? <input type="number" {...common} {...extra} /> : <input type="text" {...common} />}
        {invalid && (
          <span id={`${name}-problem`} class="problem" role="alert">
            {problem.message}
          </span>
        )}
      </label>
    );
  };

  const rules = (name: 'settings.targeting.include' | 'settings.targeting.exclude', label: string) => {
    const invalid = problem?.field === name;
    return (
      <label class="field">
        <span>{label}</span>
        <textarea
          name={name}
          rows={2}
          value={fields[name]}
          placeholder="role = admin"
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={invalid ? `${name}-problem` : undefined}
          onInput={(event) => setFields({ ...fields, [name]: event.currentTarget.value })}
        />
        {invalid && (
          <span id={`${name}-problem`} class="problem" role="alert">
            {problem.message}
          </span>
        )}
      </label>
    );
  };

  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    try {
      await client.patch(`/v1/surveys/${survey.id}`, buildPatch(fields, locale));
      setProblem(undefined);
      setSaved(true);
      onSaved();
    } catch (error) {
      const message = (error as Error).message;
      // The API names the field first: "settings.sampling.percent: must be …".
      const field = error instanceof ApiProblem ? (/^([\w.]+):/.exec(message)?.[1] ?? '') : '';
      // The longest field name the path starts with: settings.targeting.include.0.values → the include rules.
      const path = field.replace(/^settings\.wording\.[\w-]+\./, 'wording.');
      const named = (Object.keys(fields) as string[])
        .filter((name) => path === name || path.startsWith(`${name}.`))
        .sort((a, b) => b.length - a.length)[0];
      setProblem({ field: named ?? '', message });
    }
  };

  return (
    <section class="card" aria-labelledby="settings-title">
      <h2 id="settings-title">Survey settings</h2>
      {!manage && <p class="hint">Read only: your role can see the settings; an admin or the owner can change them.</p>}
      <form class="settings" noValidate onSubmit={save}>
        <fieldset class="plain" disabled={!manage}>
          <label class="check">
            <input
              type="checkbox"
              checked={fields.enabled}
              onChange={(event) => setFields({ ...fields, enabled: event.currentTarget.checked })}
            />{' '}
            Survey on
          </label>
          {input('productName', 'Product name in the question')}
          <fieldset>
            <legend>Wording</legend>
            <label class="field">
              <span>Language</span>
              <select value={locale} onChange={(event) => setLocale(event.currentTarget.value)}>
                {locales.map((code) => (
                  <option key={code}>{code}</option>
                ))}
              </select>
            </label>
            {input('wording.question', 'Question (leave empty for the built-in one)')}
            {input('wording.followUp.low', 'Follow-up for low scores')}
            {input('wording.followUp.middle', 'Follow-up for middle scores')}
            {input('wording.followUp.high', 'Follow-up for high scores')}
            {input('wording.thanks.high', 'Thank-you for high scores')}
          </fieldset>
          <fieldset>
            <legend>Who is asked, and how often</legend>
            {input('settings.throttle.daysAfterSignUp', 'Days after sign-up', 'number')}
            {input('settings.throttle.daysAfterResponse', 'Days after a response', 'number')}
            {input('settings.throttle.daysAfterDecline', 'Days after a decline', 'number')}
            {input('settings.sampling.percent', 'Sample (% of users)', 'number', { min: 0, max: 100 })}
            {input('settings.targeting.excludeEmailDomains', 'Leave out email domains (comma-separated)')}
            {input('settings.triggerEvent', 'Only right after this event (empty: on any page)')}
            {rules('settings.targeting.include', 'Only users with (one "trait = value" a line)')}
            {rules('settings.targeting.exclude', 'Never users with (one "trait = value" a line)')}
          </fieldset>
          <fieldset>
            <legend>Looks</legend>
            {input('settings.appearance.brandColor', 'Brand colour (#rrggbb)')}
            <label class="field">
              <span>Position</span>
              <select
                value={fields['settings.appearance.position']}
                onChange={(event) => setFields({ ...fields, 'settings.appearance.position': event.currentTarget.value })}
              >
                <option value="bottom-right">card at the bottom corner</option>
                <option value="bottom-bar">bar across the bottom</option>
                <option value="modal">centred</option>
              </select>
            </label>
          </fieldset>
        </fieldset>
        {problem && !problem.field && <p role="alert">{problem.message}</p>}
        {manage && (
          <p>
            <button type="submit">Save</button> <span role="status">{saved ? 'Saved.' : ''}</span>
          </p>
        )}
      </form>
    </section>
  );
}
