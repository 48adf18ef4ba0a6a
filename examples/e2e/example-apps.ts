import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExamplePorts } from '../serve.ts';

/** The ports playwright.config.ts picked for the example apps. */
export const examplePorts: ExamplePorts = {
  reactVite: Number(process.env.E2E_REACT_VITE_PORT),
  vueVite: Number(process.env.E2E_VUE_VITE_PORT),
  nextjs: Number(process.env.E2E_NEXTJS_PORT),
};

export const exampleOrigins = {
  reactVite: `http://127.0.0.1:${examplePorts.reactVite}`,
  vueVite: `http://127.0.0.1:${examplePorts.vueVite}`,
  nextjs: `http://127.0.0.1:${examplePorts.nextjs}`,
};

/** What `next start` has printed so far. */
export function nextjsServerLog(): string {
  return readFileSync(join(process.env.E2E_DATA_DIR!, 'examples-nextjs.log'), 'utf8');
}
