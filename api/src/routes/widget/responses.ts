import { responseRequestSchema } from '@tenpoint/shared';
import { Hono } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { Services } from '../../deps.ts';
import { widgetCall } from '../../widget-calls/widget-call.ts';
import { recordResponse } from '../../responses/record-response.ts';

export function responseRoutes(deps: Services) {
  return new Hono<AppEnv>().post('/', widgetCall(responseRequestSchema, deps), async (c) => {
    const { created, answer } = await recordResponse(deps.responseWriter, c.get('call'));
    return c.json(answer, created ? 201 : 200);
  });
}
