import type { UserInput } from '@tenpoint/shared';
import type { UiModule, WidgetEvent, WidgetEvents } from '../shared-types.ts';
import { digestOf, forgetNo, rememberedNo, rememberNo } from '../storage/ineligible-cache.ts';
import { askEligibility } from '../transport.ts';
import type { ScriptConfig } from './script-config.ts';
import { describe, warn } from './warn.ts';

type Handler = (payload: WidgetEvents[WidgetEvent]) => void;

export function createCommands({ siteKey, apiUrl, uiUrl, nonce }: ScriptConfig) {
  let user: UserInput | undefined;
  // What the remembered "no" depends on from the page's side (ineligible-cache.ts).
  let digest = 0;
  // True from the eligibility request until the survey is gone: never two surveys at once.
  let busy = false;
  // Bumped by hide/reset so an answer or chunk still on its way is dropped.
  let ticket = 0;
  let removeSurvey: (() => void) | undefined;
  const handlers: Partial<Record<WidgetEvent, Handler[]>> = {};
  // Debug mode (docs/widget.md): each decision and its reason on the console.
  let debug = /tenpoint_debug=1/.test(location.search);
  const log = (message: string) => {
    if (debug) console.info(`[tenpoint] ${message}`);
    return debug;
  };

  const emit = (event: WidgetEvent, payload: WidgetEvents[WidgetEvent]) => {
    for (const handler of handlers[event] ?? []) {
      try {
        handler(payload);
      } catch (error) {
        warn(`a handler for "${event}" threw: ${describe(error)}`);
      }
    }
  };

  const ask = async (options?: { surveyId?: string }, event?: string, show?: true) => {
    if (!user) return warn('call tenpoint("identify", { userId }) before "run"');
    if (busy) return log('skipped: a survey is already up');
    // An event or show() may change the answer; a plain run() within a remembered "no" cannot.
    if (!event && !show && rememberedNo(siteKey, digest) && !log('remembered "no" ignored')) return;
    busy = true;
    const mine = ++ticket;
    const askedDigest = digest;
    const done = () => {
      if (mine === ticket) busy = false;
    };
    try {
      const request = { siteKey, user, event, show, surveyId: options?.surveyId, url: location.href };
      const answer = await askEligibility(apiUrl, request);
      log(answer.eligible ? `eligible: survey ${answer.survey.id}` : `not eligible: ${answer.reason} (${answer.detail})`);
      // After hide() or reset() (sign-out) the answer is stale: neither shown nor remembered.
      if (mine === ticket) {
        if (answer.eligible) {
          const ui = (await import(/* @vite-ignore */ uiUrl)) as UiModule;
          if (mine === ticket) {
            removeSurvey = ui.mount({
              survey: answer.survey,
              apiUrl,
              nonce,
              request,
              ask: askEligibility,
              log,
              emit,
              onDone: done,
            });
            return;
          }
        } else rememberNo(siteKey, askedDigest, answer.retryAfter);
      }
    } catch (error) {
      warn(describe(error));
    }
    done();
  };

  const hide = () => {
    ticket++;
    busy = false;
    // Removing a survey twice does nothing (mount.tsx).
    removeSurvey?.();
  };

  const commands: Record<string, (...args: never[]) => unknown> = {
    identify(next: UserInput) {
      if (typeof next?.userId !== 'string') return warn('identify needs an object with a userId string');
      const given = { ...next, locale: next.locale || navigator.language };
      // New traits can change who is targeted: a "no" remembered for other ones does not hold.
      digest = digestOf(given);
      user = given;
    },
    run: ask,
    // The API skips the throttles only while the site is in test mode.
    show: () => ask(undefined, undefined, true),
    track: (eventName: string) => ask(undefined, eventName),
    hide,
    debug(on?: boolean) {
      debug = on !== false;
    },
    reset() {
      forgetNo(siteKey);
      user = undefined;
      hide();
    },
    on(event: WidgetEvent, handler: Handler) {
      // biome-ignore lint/suspicious/noAssignInExpressions: the shortest form; the loader's budget is nearly spent
      (handlers[event] ??= []).push(handler);
    },
  };

  return (name: string, ...args: unknown[]) => {
    try {
      const command = commands[name];
      if (!command) return warn(`unknown command "${name}"`);
      (command as (...args: unknown[]) => unknown)(...args);
    } catch (error) {
      warn(describe(error));
    }
  };
}
