import type { SiteTrait, TraitRule } from '@tenpoint/shared';
import { useEditor } from './setting-inputs.tsx';
import { fieldId } from './survey-draft.ts';

type Value = TraitRule['values'][number];

/**
 * Rules of `include` or `exclude`, built from the traits the site has sent and their common values:
 * picked, never typed, so that a rule cannot name a trait no user has.
 */
export function TraitRules({
  kind,
  traits,
  title,
  hint,
}: {
  kind: 'include' | 'exclude';
  traits: SiteTrait[];
  title: string;
  hint: string;
}) {
  const { draft, set, problems, readOnly } = useEditor();
  const path = ['settings', 'targeting', kind];
  const rules = draft.settings.targeting[kind];
  const change = (next: TraitRule[]) => set(path, next);
  const problem = problems.get(fieldId(path));
  return (
    <fieldset class="stack trait-rules">
      <legend>{title}</legend>
      <p class="hint">{hint}</p>
      {rules.map((rule, index) => (
        <Rule
          key={`${kind}-${index}`}
          id={fieldId([...path, index])}
          rule={rule}
          traits={traits}
          onChange={(next) => change(rules.map((each, at) => (at === index ? next : each)))}
          onRemove={() => change(rules.filter((_, at) => at !== index))}
        />
      ))}
      {problem && <p class="problem">{problem}</p>}
      {traits.length === 0 ? (
        <p class="hint">No traits yet: once the widget sends users with traits, they can be picked here.</p>
      ) : (
        !readOnly && (
          <div>
            <button type="button" class="quiet" onClick={() => change([...rules, { trait: traits[0]!.name, values: [] }])}>
              Add a rule
            </button>
          </div>
        )
      )}
    </fieldset>
  );
}

function Rule(props: { id: string; rule: TraitRule; traits: SiteTrait[]; onChange: (rule: TraitRule) => void; onRemove: () => void }) {
  const { rule, traits, onChange, id } = props;
  const { problems, readOnly } = useEditor();
  const known = traits.find((trait) => trait.name === rule.trait);
  // Values the rule holds that are no longer among the common ones stay pickable.
  const values: Value[] = [...new Set([...(known?.values.map((each) => each.value) ?? []), ...rule.values])];
  const problem = problems.get(`${id}.values`) ?? problems.get(`${id}.trait`) ?? problems.get(id);
  const toggle = (value: Value, on: boolean) =>
    onChange({ ...rule, values: on ? [...rule.values, value] : rule.values.filter((each) => each !== value) });
  return (
    <fieldset class="trait-rule">
      <legend class="visually-hidden">Rule on {rule.trait}</legend>
      <label for={`${id}-trait`}>Trait</label>
      <select
        id={`${id}-trait`}
        value={rule.trait}
        disabled={readOnly}
        onChange={(event) => onChange({ trait: event.currentTarget.value, values: [] })}
      >
        {!known && <option value={rule.trait}>{rule.trait} (not sent lately)</option>}
        {traits.map((trait) => (
          <option key={trait.name} value={trait.name}>
            {trait.name} ({trait.users} {trait.name.startsWith('account.') ? 'accounts' : 'users'})
          </option>
        ))}
      </select>
      <fieldset class="trait-values" aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? `${id}-error` : undefined}>
        <legend>is one of</legend>
        {values.map((value) => (
          <label key={String(value)} class="check">
            <input
              type="checkbox"
              disabled={readOnly}
              checked={rule.values.includes(value)}
              onChange={(event) => toggle(value, event.currentTarget.checked)}
            />{' '}
            {String(value)}
          </label>
        ))}
        {known?.moreValues && <p class="hint">Only the 20 most common values are listed.</p>}
      </fieldset>
      {problem && (
        <p id={`${id}-error`} class="problem">
          {problem === 'must be filled in' || /at least/.test(problem) ? 'pick at least one value' : problem}
        </p>
      )}
      {!readOnly && (
        <button type="button" class="quiet" onClick={props.onRemove}>
          Remove this rule
        </button>
      )}
    </fieldset>
  );
}
