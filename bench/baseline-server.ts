import { serve } from '@hono/node-server';
import { Hono } from 'hono';

// The yardstick: what this machine answers when a request costs nothing but HTTP and JSON parsing.
const app = new Hono()
  .get('/healthz', (c) => c.text('ok'))
  .post('/v1/responses', async (c) => {
    await c.req.json();
    return c.body(null, 204);
  });

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
