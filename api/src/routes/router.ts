import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { refuseInvalid } from '../input/validation.ts';

/**
 * The app every route module builds its routes on: each route is declared with `createRoute`
 * (its parameters, body and answers, which /openapi.json is generated from) and its query, path
 * and JSON body are checked against those schemas before the handler runs, by the one hook.
 */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: (result) => refuseInvalid(result) });
