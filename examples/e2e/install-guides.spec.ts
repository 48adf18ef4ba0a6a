import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// Each guide in docs/install shows an example app's code as the browser tests run it, never a copy that drifted.
const shown = {
  'docs/install/react.md': ['examples/react-vite/src/App.tsx'],
  'docs/install/vue.md': ['examples/vue-vite/src/main.ts', 'examples/vue-vite/src/session.ts'],
  'docs/install/nextjs.md': ['examples/nextjs/app/tenpoint-widget.tsx', 'examples/nextjs/app/layout.tsx'],
  'docs/install/server-rendered.md': ['examples/server-rendered/layout.ts'],
};

for (const [guide, files] of Object.entries(shown)) {
  test(`${guide} shows the example's code as it is`, () => {
    const text = readFileSync(guide, 'utf8');
    for (const file of files) expect(text, `${file} in ${guide}`).toContain(readFileSync(file, 'utf8').trim());
  });
}
