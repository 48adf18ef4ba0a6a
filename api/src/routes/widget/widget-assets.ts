import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { AppDeps } from '../../deps.ts';
import { ApiError } from '../../errors.ts';

const scriptHeaders = {
  'Content-Type': 'text/javascript; charset=utf-8',
  'Cache-Control': 'public, max-age=300',
  // The UI chunk is loaded with import() from the vendor's page, which makes it a CORS request.
  'Access-Control-Allow-Origin': '*',
  Vary: 'Accept-Encoding',
};

interface Encoded {
  identity: Uint8Array;
  gzip: Uint8Array;
  br: Uint8Array;
}

/** Compressed once, at start: the budgets are about what crosses the network, so that is what is sent. */
function encode(text: string): Encoded {
  const identity = Buffer.from(text);
  return {
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  };
}

function bestEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  if (/\bbr\b/.test(accepted)) return 'br';
  if (/\bgzip\b/.test(accepted)) return 'gzip';
  return 'identity';
}

export function widgetAssetRoutes(deps: AppDeps) {
  const assets = deps.widget && { loader: encode(deps.widget.loader), ui: encode(deps.widget.ui), wootric: encode(deps.widget.wootric) };
  const serve = (pick: (encoded: NonNullable<typeof assets>) => Encoded) => (c: { req: { header(name: string): string | undefined } }) => {
    if (!assets) throw new ApiError('not_found', 'the widget is not built; run pnpm build (pnpm start does it for you)');
    const encoding = bestEncoding(c.req.header('accept-encoding'));
    const body = pick(assets)[encoding];
    return new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { ...scriptHeaders, ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }) },
    });
  };
  return new Hono<AppEnv>()
    .get(
      '/widget.js',
      serve((encoded) => encoded.loader),
    )
    .get(
      '/widget-ui.js',
      serve((encoded) => encoded.ui),
    )
    .get(
      '/wootric.js',
      serve((encoded) => encoded.wootric),
    );
}
