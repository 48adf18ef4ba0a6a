import type { RenderableSurvey } from '@tenpoint/shared';
import css from './survey.css?inline';

/**
 * The element the survey lives in: an open shadow root, so the page's CSS cannot reach in nor ours
 * out. Styles go in as a constructed sheet, which a strict Content-Security-Policy allows; where that
 * is missing, as a <style> carrying the page's nonce.
 */
export function createHost({ appearance }: RenderableSurvey, nonce: string | undefined) {
  const host = document.createElement('div');
  host.setAttribute('data-tenpoint', '');
  host.setAttribute('data-theme', appearance.theme);
  host.setAttribute('data-position', appearance.position);
  // Settings under the page's own --tenpoint-* properties, which win (see survey.css).
  host.style.setProperty('--tp-setting-brand', appearance.brandColor);
  host.style.setProperty('--tp-setting-on-brand', appearance.onBrandColor);
  const root = host.attachShadow({ mode: 'open' });
  if ('replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = css;
    root.append(style);
  }
  // Preact owns this element alone, not the root beside the style.
  const mountPoint = root.appendChild(document.createElement('div'));
  return { host, mountPoint, stopFollowingScreen: followVisualViewport(host, root) };
}

/**
 * Lays the host over the visual viewport, the part of the page on the screen: `position: fixed`
 * alone places the survey in the layout viewport, which a page wider than a phone's screen widens
 * past it, and which an iOS keyboard covers without shrinking it. The survey lives inside the host.
 * Browsers do not reliably bring a focused field inside a fixed, scrolling card back into view.
 */
function followVisualViewport(host: HTMLElement, root: ShadowRoot): () => void {
  const viewport = window.visualViewport;
  if (!viewport) return () => {};
  const update = () => {
    for (const [name, value] of [
      ['x', viewport.offsetLeft],
      ['y', viewport.offsetTop],
      ['w', viewport.width],
      ['h', viewport.height],
    ] as const) {
      host.style.setProperty(`--tp-screen-${name}`, `${value}px`);
    }
    // A keyboard opening shrinks the card: keep the text box being typed in on the screen.
    root.activeElement?.scrollIntoView({ block: 'nearest' });
  };
  update();
  viewport.addEventListener('resize', update);
  viewport.addEventListener('scroll', update);
  return () => {
    viewport.removeEventListener('resize', update);
    viewport.removeEventListener('scroll', update);
  };
}
