import type { Traits, UserInput } from '@tenpoint/shared';
import type { KnownUser } from './known-user.ts';

/**
 * What is kept per user and per account, whatever the calls add up to: each call may bring 100 new
 * keys, and without a bound one user grew to 15,000. Merged by tenpoint_merge_traits() in SQL.
 */
export const traitLimits = { keys: 100, bytes: 8192 } as const;

const limitText = (who: string) =>
  `a${who === 'account' ? 'n account' : ' user'} keeps at most ${traitLimits.keys} trait keys and ${traitLimits.bytes} bytes of traits`;

function notStored(path: string, who: 'user' | 'account', given: Traits | undefined, stored: Traits): string[] {
  if (!given) return [];
  const missing = Object.keys(given)
    .filter((key) => !Object.hasOwn(stored, key) || stored[key] !== given[key])
    .sort();
  if (missing.length === 0) return [];
  const named = missing.slice(0, 3).join(', ') + (missing.length > 3 ? ', …' : '');
  return [`${path}: ${missing.length} key${missing.length === 1 ? ' was' : 's were'} not stored (${named}); ${limitText(who)}`];
}

/** What the caller should hear about traits it sent that were not kept, or could not be read apart. */
export function traitWarnings(given: UserInput, stored: Pick<KnownUser, 'traits' | 'accountTraits'>): string[] {
  const warnings = [
    ...notStored('user.traits', 'user', given.traits, stored.traits),
    ...(given.account ? notStored('user.account.traits', 'account', given.account.traits, stored.accountTraits) : []),
  ];
  const spelledAsAccount = Object.keys(given.traits ?? {}).find((key) => key.startsWith('account.'));
  if (spelledAsAccount) {
    warnings.push(
      `user.traits.${spelledAsAccount}: a user trait named account.… cannot be told from the account trait of that name; ` +
        `it is in no segment or filter (send it as user.account.traits.${spelledAsAccount.slice('account.'.length)})`,
    );
  }
  return warnings;
}
