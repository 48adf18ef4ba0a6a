export interface ScriptConfig {
  siteKey: string;
  apiUrl: string;
  uiUrl: string;
  /** For a strict Content-Security-Policy: the script tag's nonce, given to the survey's style. */
  nonce?: string;
}

/** The script tag's settings; throws what to fix when it has no site key. */
export function readScriptConfig(): ScriptConfig {
  const script = (document.currentScript ?? document.querySelector('script[data-site-key]')) as HTMLScriptElement | null;
  const siteKey = script?.dataset.siteKey;
  if (!script?.src || !siteKey) throw 'add data-site-key="pk_…" to the widget.js script tag';
  const src = new URL(script.src);
  return {
    siteKey,
    apiUrl: (script.dataset.apiUrl ?? src.origin).replace(/\/+$/, ''),
    uiUrl: new URL('widget-ui.js', src).href,
    nonce: script.nonce,
  };
}
