import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

/** Runs what a form does, keeping whether it is busy and the problem the API answered. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    problem,
    run,
    clear: () => setProblem(undefined),
    /** The API names the field first ("password: must be at least 10 characters"): its message goes next to that field. */
    fieldError: (name: string) => (problem?.startsWith(`${name}:`) ? problem : undefined),
  };
}
export type Action = ReturnType<typeof useAction>;

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url' | 'search';
  autocomplete?: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  disabled?: boolean;
  multiline?: boolean;
  minLength?: number;
}

/** A labelled input, its hint and its problem, which a screen reader reads with it. */
export function Field(props: FieldProps) {
  const { id, label, value, onInput, type = 'text', hint, error, multiline } = props;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: id,
    value,
    required: props.required,
    disabled: props.disabled,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': described,
  };
  return (
    <div class="form-field">
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onInput={(event) => onInput(event.currentTarget.value)} />
      ) : (
        <input
          {...common}
          type={type as 'text'}
          autocomplete={props.autocomplete}
          minLength={props.minLength}
          onInput={(event) => onInput(event.currentTarget.value)}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="problem" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The action's problem when no field of `fields` holds it, announced. */
export function FormProblem({ action, fields = [] }: { action: Action; fields?: string[] }) {
  const { problem } = action;
  if (!problem || fields.some((name) => problem.startsWith(`${name}:`))) return null;
  return (
    <p class="problem" role="alert">
      {problem}
    </p>
  );
}

export function Submit({ busy, children, class: className }: { busy: boolean; children: ComponentChildren; class?: string }) {
  return (
    <button type="submit" class={className} disabled={busy} aria-busy={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}
