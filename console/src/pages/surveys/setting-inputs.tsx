import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { fieldId, type SurveyDraft } from './survey-draft.ts';

type Path = ReadonlyArray<string | number>;

/** The draft being edited, how to change it, and its problems by field id. */
export interface Editor {
  draft: SurveyDraft;
  set: (path: Path, value: unknown) => void;
  problems: Map<string, string>;
  readOnly: boolean;
}
export const EditorContext = createContext<Editor>(null as unknown as Editor);
export const useEditor = () => useContext(EditorContext);

/** The value at `path` in the draft. */
export function valueAt(draft: SurveyDraft, path: Path): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string | number, unknown> | undefined)?.[key], draft);
}

interface LabelledProps {
  path: Path;
  label: string;
  hint?: string | undefined;
  children: (props: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string; disabled: boolean }) => ComponentChildren;
}

/** A setting's label, input, hint and problem, the problem read with the input. */
export function Labelled({ path, label, hint, children }: LabelledProps) {
  const { problems, readOnly } = useEditor();
  const id = fieldId(path);
  const problem = problems.get(id);
  const described = [hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class="form-field">
      <label for={id}>{label}</label>
      {children({
        id,
        disabled: readOnly,
        ...(problem ? { 'aria-invalid': 'true' as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-error`} class="problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/** A text setting; left empty it is removed (`undefined`) or, with `emptyAs`, set to that. */
export function TextSetting(props: {
  path: Path;
  label: string;
  hint?: string;
  placeholder?: string | undefined;
  multiline?: boolean;
  emptyAs?: null;
}) {
  const { draft, set } = useEditor();
  const value = (valueAt(draft, props.path) as string | null | undefined) ?? '';
  const onInput = (event: { currentTarget: { value: string } }) =>
    set(props.path, event.currentTarget.value === '' ? ('emptyAs' in props ? props.emptyAs : undefined) : event.currentTarget.value);
  return (
    <Labelled path={props.path} label={props.label} hint={props.hint}>
      {(attributes) =>
        props.multiline ? (
          <textarea {...attributes} rows={2} value={value} placeholder={props.placeholder} onInput={onInput} />
        ) : (
          <input {...attributes} value={value} placeholder={props.placeholder} onInput={onInput} />
        )
      }
    </Labelled>
  );
}

/** A number setting; left empty it is null: no limit where the setting allows it, else a problem shown beside it. */
export function NumberSetting(props: { path: Path; label: string; hint?: string; min?: number; max?: number; step?: number }) {
  const { draft, set } = useEditor();
  const value = valueAt(draft, props.path);
  return (
    <Labelled path={props.path} label={props.label} hint={props.hint}>
      {(attributes) => (
        <input
          {...attributes}
          type="number"
          inputMode="decimal"
          min={props.min}
          max={props.max}
          step={props.step ?? 1}
          value={value === undefined || value === null ? '' : String(value)}
          onInput={(event) => {
            const text = event.currentTarget.value;
            set(props.path, text === '' ? null : Number(text));
          }}
        />
      )}
    </Labelled>
  );
}

/** A choice among a few settings' values. */
export function SelectSetting<Value extends string>(props: {
  path: Path;
  label: string;
  hint?: string;
  options: ReadonlyArray<[Value, string]>;
}) {
  const { draft, set } = useEditor();
  return (
    <Labelled path={props.path} label={props.label} hint={props.hint}>
      {(attributes) => (
        <select
          {...attributes}
          value={valueAt(draft, props.path) as string}
          onChange={(event) => set(props.path, event.currentTarget.value)}
        >
          {props.options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

/** A yes/no setting as a switch. */
export function SwitchSetting({ path, label, hint }: { path: Path; label: string; hint?: string }) {
  const { draft, set, readOnly } = useEditor();
  const checked = valueAt(draft, path) === true;
  const id = fieldId(path);
  return (
    <div class="form-field">
      <label class="check">
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={checked}
          aria-checked={checked}
          disabled={readOnly}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(event) => set(path, event.currentTarget.checked)}
        />{' '}
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
