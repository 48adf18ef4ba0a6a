// Vue: a plugin that loads the widget and asks again after each navigation of Vue Router. It
// needs nothing of Vue itself, so the package has no dependency on it.
import { identify, init, run, runIfIdentified } from './index.js';
import type { TenpointInitOptions, TenpointUser } from './types.js';

/** The part of Vue Router's router the plugin uses. */
export interface RouterLike {
  afterEach(guard: (to: unknown, from: unknown, failure?: unknown) => unknown): () => void;
}

export interface TenpointPluginOptions extends TenpointInitOptions {
  /** Vue Router's router: run() after each navigation that completed, once a user is identified. */
  router?: RouterLike | undefined;
  /** The signed-in user, when known as the app starts; later call identify() from your sign-in code. */
  user?: TenpointUser | undefined;
}

export function createTenpoint({ router, user, ...options }: TenpointPluginOptions): { install(app: unknown): void } {
  return {
    install() {
      init(options);
      // A router already past its first navigation calls no afterEach for it: ask now.
      if (user) {
        identify(user);
        run();
      }
      router?.afterEach((_to, _from, failure) => {
        if (!failure) runIfIdentified();
      });
    },
  };
}

export { debug, hide, identify, on, reset, run, show, track } from './index.js';
