import type { UiModule } from '../shared-types.ts';
import { outboxKey } from '../storage/outbox-key.ts';
import { safeStorage } from '../storage/safe-storage.ts';
import { createCommands } from './commands.ts';
import { readScriptConfig } from './script-config.ts';
import { describe, warn } from './warn.ts';

type Tenpoint = ((...args: unknown[]) => void) & { q?: Iterable<unknown>[]; loaded?: true };
const w = window as unknown as { tenpoint?: Tenpoint };

try {
  const config = readScriptConfig();
  // A second copy of the script must not start a second widget.
  if (!w.tenpoint?.loaded) {
    const queued = w.tenpoint?.q ?? [];
    const tenpoint: Tenpoint = createCommands(config) as Tenpoint;
    tenpoint.loaded = true;
    w.tenpoint = tenpoint;
    for (const args of queued) tenpoint(...args);
    // Responses an earlier page could not deliver: rare, so their code waits in the UI chunk.
    if (safeStorage((storage) => storage.getItem(outboxKey)))
      void import(/* @vite-ignore */ config.uiUrl).then((ui: UiModule) => ui.sendOutbox());
  }
} catch (error) {
  warn(describe(error));
}
