import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let firstTitle = true;

/** The page's one h1; it names the tab too, and takes the focus after a move so a screen reader starts there. */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Tenpoint`;
    if (firstTitle) firstTitle = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
