import { describe, expectTypeOf, it } from 'vitest';
import type {} from './global.js';

// What a snippet user's editor and compiler see once `@tenpoint/widget/global` is referenced:
// `pnpm typecheck` fails here if a right call stops compiling or a wrong one starts to.
describe('window.tenpoint, typed for pages with the snippet', () => {
  it('takes each command with its own arguments', () => {
    const page = () => {
      window.tenpoint('identify', { userId: 'u_1', createdAt: 1735689600, traits: { plan: 'pro', seats: 12 } });
      window.tenpoint('run');
      window.tenpoint('run', { surveyId: 'a6f1…' });
      tenpoint('track', 'project_completed');
      window.tenpoint('on', 'comment', ({ score, comment }) => console.log(score.toFixed(0), comment.trim()));
      // @ts-expect-error identify needs a userId
      window.tenpoint('identify', { email: 'ann@acme.io' });
      // @ts-expect-error there is no such command
      window.tenpoint('launch');
      // @ts-expect-error the response event has no comment
      window.tenpoint('on', 'response', ({ comment }) => comment);
    };
    expectTypeOf(page).toBeFunction();
  });
});
