import type { ComponentChildren } from 'preact';

/** The second step of a destructive action: what it will do, then the action or Cancel. */
export function ConfirmStep(props: {
  children: ComponentChildren;
  button: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div class="confirm">
      <p>{props.children}</p>
      <button type="button" class="danger" disabled={props.busy} onClick={props.onConfirm}>
        {props.button}
      </button>{' '}
      <button type="button" class="quiet" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}
