import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as tenpoint from './index.js';
import { useTenpoint } from './react.js';
import { createTenpoint } from './vue.js';

function Shell() {
  useTenpoint({ siteKey: 'pk_test', apiUrl: 'https://tenpoint.example.com', user: { userId: 'u_1' }, route: '/invoices' });
  return createElement('main', null, 'Invoices');
}

// Server-side rendering runs this code in Node, where there is no window or document.
describe('on a server (no window)', () => {
  it('every call does nothing and throws nothing', () => {
    expect(typeof window).toBe('undefined');
    tenpoint.init({ siteKey: 'pk_test', apiUrl: 'https://tenpoint.example.com' });
    tenpoint.identify({ userId: 'u_1' });
    tenpoint.run();
    tenpoint.track('signed_up');
    tenpoint.show();
    tenpoint.hide();
    tenpoint.reset();
    tenpoint.debug();
    tenpoint.on('response', () => {})();
    createTenpoint({ siteKey: 'pk_test', apiUrl: 'https://tenpoint.example.com', router: { afterEach: () => () => {} } }).install({});
    expect(globalThis).not.toHaveProperty('tenpoint');
  });

  it('a React page with the hook renders to HTML', () => {
    expect(renderToString(createElement(Shell))).toBe('<main>Invoices</main>');
  });
});
