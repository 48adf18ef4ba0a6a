import type { ComponentChildren } from 'preact';
import { PageTitle } from '../ui/page-title.tsx';

/** The frame of the pages before the app: sign-in, sign-up, the links from emails. */
export function AuthLayout({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="auth">
      <header class="auth-brand">
        <p class="brand">Tenpoint</p>
      </header>
      <main class="auth-card">
        <PageTitle title={title}>{title}</PageTitle>
        {children}
      </main>
    </div>
  );
}
