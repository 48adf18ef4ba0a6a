import './styles.css';
import { pages } from './pages.ts';

declare global {
  interface Window {
    tenpoint: (...args: unknown[]) => void;
  }
}

const routeOf = (path: string) => (path === '/customers' ? 'customers' : path === '/reports' ? 'reports' : 'invoices');

function render(path: string) {
  const route = routeOf(path);
  const page = pages[route]!;
  document.getElementById('page')!.innerHTML = page.html();
  document.title = `Ledgerly · ${page.title}`;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    link.toggleAttribute('aria-current', link.dataset.route === route);
  }
}

// A single-page app: every route change asks Tenpoint again, as the README tells vendors to.
document.addEventListener('click', (event) => {
  // The demo site is in test mode, where show() skips the throttles.
  if ((event.target as Element).closest('[data-show-survey]')) return window.tenpoint('show');
  const link = (event.target as Element).closest<HTMLAnchorElement>('nav a');
  if (!link) return;
  event.preventDefault();
  history.pushState(null, '', link.pathname);
  render(link.pathname);
  window.tenpoint('run');
});
window.addEventListener('popstate', () => render(location.pathname));

render(location.pathname);
