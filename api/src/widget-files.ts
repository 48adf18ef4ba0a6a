import { existsSync, readFileSync } from 'node:fs';
import { widgetFolder } from './bundled-paths.ts';
import type { WidgetAssets } from './deps.ts';

/** The built widget, read once at start; null (with a warning) when it has not been built. */
export function readWidgetFiles(dir = widgetFolder): WidgetAssets | null {
  const loader = `${dir}widget.js`;
  const ui = `${dir}widget-ui.js`;
  const wootric = `${dir}wootric.js`;
  if (![loader, ui, wootric].every((file) => existsSync(file))) {
    console.warn(`[tenpoint] the widget is not built (no ${loader}); /widget.js answers 404 until you run pnpm build`);
    return null;
  }
  return { loader: readFileSync(loader, 'utf8'), ui: readFileSync(ui, 'utf8'), wootric: readFileSync(wootric, 'utf8') };
}
