import { createHmac } from 'node:crypto';

export interface Config {
  apiUrl: string;
  siteKey: string;
  identitySecret: string;
}

export interface SignedInUser {
  id: string;
  email: string;
  signedUpAt: string;
  plan: string;
}

/** Every page's layout: the snippet, with `identify` filled in and signed by the server. */
export function layout(config: Config, user: SignedInUser | null, body: string): string {
  const sign = (text: string) => createHmac('sha256', config.identitySecret).update(text).digest('hex');
  const identify = user && {
    userId: user.id,
    email: user.email,
    createdAt: user.signedUpAt,
    traits: { plan: user.plan },
    userHash: sign(user.id),
  };
  // JSON is JavaScript, but "</script>" in a value would end the tag: escape "<".
  const script = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Ledgerly</title>
    <script>
      (function (w) { w.tenpoint = w.tenpoint || function () { (w.tenpoint.q = w.tenpoint.q || []).push(arguments); }; })(window);
      ${identify ? `tenpoint('identify', ${script(identify)}); tenpoint('run');` : ''}
    </script>
    <script async src="${config.apiUrl}/widget.js" data-site-key="${config.siteKey}"></script>
  </head>
  <body>${body}</body>
</html>`;
}
