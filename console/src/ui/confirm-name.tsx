import { useState } from 'preact/hooks';
import { FormProblem, Submit, useAction } from './form.tsx';

/** A destructive action, done only once its target's exact name is typed. */
export function ConfirmByName(props: {
  id: string;
  name: string;
  what: string;
  button: string;
  onConfirm: (typed: string) => Promise<void>;
}) {
  const [typed, setTyped] = useState('');
  const action = useAction();
  const id = `${props.id}-confirm`;
  return (
    <form
      class="stack"
      onSubmit={(event) => {
        event.preventDefault();
        if (typed === props.name) void action.run(() => props.onConfirm(typed));
      }}
    >
      <label for={id}>
        Type <strong class="mono">{props.name}</strong> to delete {props.what}
      </label>
      <input id={id} value={typed} autocomplete="off" onInput={(event) => setTyped(event.currentTarget.value)} />
      <FormProblem action={action} />
      <div>
        <Submit busy={action.busy || typed !== props.name} class="danger">
          {props.button}
        </Submit>
      </div>
    </form>
  );
}
