import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

interface TabsProps<K extends string> {
  id: string;
  label: string;
  tabs: ReadonlyArray<readonly [K, string]>;
  current: K;
  onChange: (tab: K) => void;
  children: ComponentChildren;
}

/** Tabs as screen readers expect them: arrow keys move between tabs, Tab goes into the panel. */
export function Tabs<K extends string>({ id, label, tabs, current, onChange, children }: TabsProps<K>) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const to = event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : (index + step + tabs.length) % tabs.length;
    if (!step && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    onChange(tabs[to]![0]);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]')[to]?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={label} ref={list}>
        {tabs.map(([key, name], index) => (
          <button
            key={key}
            type="button"
            role="tab"
            id={`${id}-tab-${key}`}
            aria-selected={key === current ? 'true' : 'false'}
            aria-controls={`${id}-panel`}
            tabIndex={key === current ? 0 : -1}
            onClick={() => onChange(key)}
            onKeyDown={(event) => move(event, index)}
          >
            {name}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${current}`}>
        {children}
      </div>
    </div>
  );
}
