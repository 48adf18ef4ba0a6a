import { useState } from 'preact/hooks';

/** A secret the API shows this once: its value to copy and a warning that it will not be shown again. */
export function SecretOnce({ id, label, value, onDone }: { id: string; label: string; value: string; onDone?: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret-once">
      <p class="warning" id={`${id}-warning`}>
        Copy it now and keep it somewhere safe: it is shown only this once.
      </p>
      <label for={id}>{label}</label>
      <div class="copy-row">
        <input
          id={id}
          class="mono"
          readOnly
          value={value}
          aria-describedby={`${id}-warning`}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton text={value} onCopied={() => setCopied(true)} />
      </div>
      {copied && onDone && (
        <button type="button" class="quiet" onClick={onDone}>
          I have saved it
        </button>
      )}
    </div>
  );
}

/** Copies `text`, then says so for a moment. */
export function CopyButton({ text, label = 'Copy', onCopied }: { text: string; label?: string; onCopied?: () => void }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      onCopied?.();
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <>
      <button type="button" class="quiet" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" class="hint">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
      </span>
    </>
  );
}
