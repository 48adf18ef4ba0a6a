import type { UserInput } from '@tenpoint/shared';
import type { Category } from '@tenpoint/shared/scores';
import { describe, expectTypeOf, it } from 'vitest';
import type { WidgetEvents } from '../../src/shared-types.ts';
import type { TenpointCategory, TenpointEvents, TenpointUser } from './types.js';

// The package's types are written out so that they stand alone when published; `pnpm typecheck`
// fails here the day they drift from what the API accepts and the widget emits.
describe('the published types', () => {
  it('are the wire contract', () => {
    expectTypeOf<TenpointUser>().toEqualTypeOf<UserInput>();
    expectTypeOf<TenpointCategory>().toEqualTypeOf<Category>();
    expectTypeOf<TenpointEvents>().toEqualTypeOf<WidgetEvents>();
  });
});
