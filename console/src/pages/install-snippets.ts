// The snippet a vendor pastes, for each kind of front end, with this site's key and this API's origin.

export const snippetKinds = [
  ['html', 'Plain HTML'],
  ['react', 'React'],
  ['vue', 'Vue'],
  ['next', 'Next.js'],
] as const;
export type SnippetKind = (typeof snippetKinds)[number][0];

interface SnippetOptions {
  siteKey: string;
  apiOrigin: string;
  /** With enforcement on, identify must carry the hash the vendor's server computes. */
  verified: boolean;
}

const stub = '(function (w) { w.tenpoint = w.tenpoint || function () { (w.tenpoint.q = w.tenpoint.q || []).push(arguments); }; })(window);';

const loader = ({ siteKey, apiOrigin }: SnippetOptions) => `// Loads the widget once; commands given before it arrives wait in its queue.
export function tenpoint(...args) {
  if (!window.tenpoint) {
    ${stub}
    const script = document.createElement('script');
    script.async = true;
    script.src = '${apiOrigin}/widget.js';
    script.dataset.siteKey = '${siteKey}';
    document.head.append(script);
  }
  window.tenpoint(...args);
}`;

const identifyOf = (verified: boolean, indent: string, user = 'user') =>
  [
    `{`,
    `  userId: ${user}.id,`,
    `  email: ${user}.email,`,
    `  createdAt: ${user}.createdAt, // when they signed up, ISO 8601`,
    `  account: { id: ${user}.accountId, name: ${user}.accountName },`,
    `  traits: { plan: ${user}.plan },`,
    ...(verified ? [`  userHash: ${user}.tenpointHash, // from your server: hex HMAC-SHA256 of the user id`] : []),
    `}`,
  ].join(`\n${indent}`);

/** The snippet of `kind`, ready to paste. */
export function snippetOf(kind: SnippetKind, options: SnippetOptions): string {
  const { siteKey, apiOrigin, verified } = options;
  if (kind === 'html')
    return `<!-- Before </body>, on every page where your users are signed in -->
<script>
  ${stub}
  tenpoint('identify', {
    userId: 'u_42', email: 'ann@acme.io', createdAt: '2025-01-31T10:00:00Z',
    account: { id: 'acme', name: 'Acme BV' },
    traits: { plan: 'pro' }${verified ? ",\n    userHash: '…' // from your server: hex HMAC-SHA256 of 'u_42'" : ''}
  });
  tenpoint('run');
</script>
<script async src="${apiOrigin}/widget.js" data-site-key="${siteKey}"></script>`;
  if (kind === 'react')
    return `// tenpoint.js
${loader(options)}

// TenpointSurvey.jsx: render it once, inside your router, for the signed-in user.
import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { tenpoint } from './tenpoint';

export function TenpointSurvey({ user }) {
  const { pathname } = useLocation();
  useEffect(() => {
    tenpoint('identify', ${identifyOf(verified, '    ')});
  }, [user.id]);
  // Asked again on every route change; it never shows two surveys at once.
  useEffect(() => tenpoint('run'), [user.id, pathname]);
  return null;
}`;
  if (kind === 'vue')
    return `// tenpoint.js
${loader(options)}

<!-- App.vue -->
<script setup>
import { watch } from 'vue';
import { useRoute } from 'vue-router';
import { tenpoint } from './tenpoint';

const props = defineProps({ user: Object });
const route = useRoute();
watch(
  () => [props.user?.id, route.path],
  ([id], [previousId] = []) => {
    if (!id) return;
    const user = props.user;
    if (id !== previousId) tenpoint('identify', ${identifyOf(verified, '      ')});
    tenpoint('run');
  },
  { immediate: true },
);
</script>`;
  return `// app/tenpoint-survey.tsx: render <TenpointSurvey user={…} /> in your signed-in layout.
'use client';

import Script from 'next/script';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

type User = { id: string; email: string; createdAt: string; accountId: string; accountName: string; plan: string${
    verified ? '; tenpointHash: string' : ''
  } };
type Tenpoint = ((...args: unknown[]) => void) & { q?: unknown[] };

function tenpoint(...args: unknown[]) {
  const w = window as unknown as { tenpoint?: Tenpoint };
  w.tenpoint ??= Object.assign((...queued: unknown[]) => void (w.tenpoint!.q ??= []).push(queued), {});
  w.tenpoint(...args);
}

export function TenpointSurvey({ user }: { user: User }) {
  const pathname = usePathname();
  useEffect(() => {
    tenpoint('identify', ${identifyOf(verified, '    ')});
  }, [user.id]);
  useEffect(() => tenpoint('run'), [user.id, pathname]);
  return <Script src="${apiOrigin}/widget.js" data-site-key="${siteKey}" strategy="afterInteractive" />;
}`;
}

export const serverKinds = ['Node', 'Python', 'Ruby', 'PHP'] as const;
export type ServerKind = (typeof serverKinds)[number];

/** How the vendor's server computes a user's hash with the identity secret (kept in its environment). */
export function serverExample(kind: ServerKind): string {
  if (kind === 'Node')
    return `import { createHmac } from 'node:crypto';

const userHash = createHmac('sha256', process.env.TENPOINT_IDENTITY_SECRET).update(user.id).digest('hex');`;
  if (kind === 'Python')
    return `import hashlib, hmac, os

user_hash = hmac.new(os.environ["TENPOINT_IDENTITY_SECRET"].encode(), user.id.encode(), hashlib.sha256).hexdigest()`;
  if (kind === 'Ruby')
    return `require "openssl"

user_hash = OpenSSL::HMAC.hexdigest("SHA256", ENV.fetch("TENPOINT_IDENTITY_SECRET"), user.id)`;
  return `<?php
$userHash = hash_hmac('sha256', $user->id, getenv('TENPOINT_IDENTITY_SECRET'));`;
}
