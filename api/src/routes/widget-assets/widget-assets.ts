import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { ApiError } from '../../errors.ts';

const scriptHeaders = {
  'Content-Type': 'text/javascript; charset=utf-8',
  'Cache-Control': 'public, max-age=300',
  // The UI chunk is loaded with import() from the vendor's page, which makes it a CORS request.
  'Access-Control-Allow-Origin': '*',
};

export function widgetAssetRoutes(deps: AppDeps) {
  const serve = (pick: (assets: NonNullable<AppDeps['widget']>) => string) => () => {
    if (!deps.widget) throw new ApiError('not_found', 'the widget is not built; run pnpm build (pnpm start does it for you)');
    return new Response(pick(deps.widget), { headers: scriptHeaders });
  };
  return new Hono<AppEnv>().get('/widget.js', serve((assets) => assets.loader)).get('/widget-ui.js', serve((assets) => assets.ui));
}
