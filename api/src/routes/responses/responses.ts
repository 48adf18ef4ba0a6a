import { responseRequestSchema } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppEnv, Services } from '../../app-env.ts';
import { widgetCall } from '../../middleware/widget-call.ts';
import { recordResponse } from './record-response.ts';

export function responseRoutes(deps: Services) {
  return new Hono<AppEnv>().post('/', widgetCall(responseRequestSchema, deps), async (c) => {
    const { created, answer } = await recordResponse(deps, deps.responseWriter, c.get('site'), c.get('body'));
    return c.json(answer, created ? 201 : 200);
  });
}
