import { createRoute } from '@hono/zod-openapi';
import {
  checkEmailSchema,
  emailTokenSchema,
  meSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
  signInSchema,
  signUpSchema,
} from '@tenpoint/shared';
import { isAPIError } from 'better-auth/api';
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { forwardCookies, readSession } from '../../auth/sessions.ts';
import { describeMe } from '../../auth/team-queries.ts';
import { consoleUsers } from '../../db/schema/index.ts';
import type { Services } from '../../deps.ts';
import { ApiError } from '../../errors.ts';
import { jsonBody } from '../../input/json-body.ts';
import { addressKey, clientAddress } from '../../middleware/client-address.ts';
import { defaultRateLimits } from '../../middleware/rate-limit.ts';
import { createWindowCounter } from '../../middleware/window-counter.ts';
import { errors, json, member, vendorBody } from '../../openapi/answers.ts';
import { router } from '../router.ts';

const tags = ['Account'];
const bodyErrors = [400, 403, 413, 415, 429, 503] as const;

const signUp = createRoute({
  method: 'post',
  path: '/sign-up',
  operationId: 'signUp',
  tags,
  summary: 'Make a console account',
  description:
    'Sends a link to confirm the address; following it signs in. The answer is the same whether or not the address already has ' +
    'an account (its owner gets an email saying so), so that no one learns who uses Tenpoint.',
  security: [],
  request: { body: vendorBody(signUpSchema) },
  responses: { 202: json('A link is on its way.', checkEmailSchema), ...errors(...bodyErrors) },
});

const signIn = createRoute({
  method: 'post',
  path: '/session',
  operationId: 'signIn',
  tags,
  summary: 'Sign in',
  description:
    'Sets a new session cookie (HttpOnly, SameSite=Strict, Secure over https) and ends the one the browser had. A wrong email and ' +
    'a wrong password answer alike. Five failures for one email within 15 minutes, or too many from one address, answer 429.',
  security: [],
  request: { body: vendorBody(signInSchema) },
  responses: { 200: json('Signed in: who, and their organizations.', meSchema), ...errors(401, 403, ...bodyErrors) },
});

const signOut = createRoute({
  method: 'delete',
  path: '/session',
  operationId: 'signOut',
  tags,
  summary: 'Sign out',
  description: 'Ends the session on the server and clears its cookie; answers the same when there was none.',
  security: [],
  responses: { 204: { description: 'Signed out (or was not signed in).' }, ...errors(400, 403, 429, 503) },
});

const getMe = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags,
  summary: 'Who is signed in',
  description: 'The console user of the session and the organizations they belong to, with their role in each.',
  ...member,
  responses: { 200: json('The user and their organizations.', meSchema), ...errors(400, 401, 429, 503) },
});

const verifyEmail = createRoute({
  method: 'post',
  path: '/email-verification',
  operationId: 'verifyEmail',
  tags,
  summary: 'Confirm an email address',
  description: 'With the token of the link the sign-up sent; signs in.',
  security: [],
  request: { body: vendorBody(emailTokenSchema) },
  responses: { 200: json('Confirmed and signed in.', meSchema), ...errors(...bodyErrors) },
});

const useSignInLink = createRoute({
  method: 'post',
  path: '/sign-in-link',
  operationId: 'useSignInLink',
  tags,
  summary: 'Sign in with a one-time link',
  description: 'With the token of a sign-in link (the one `pnpm start` prints); it works once, within an hour.',
  security: [],
  request: { body: vendorBody(emailTokenSchema) },
  responses: { 200: json('Signed in.', meSchema), ...errors(...bodyErrors) },
});

const requestReset = createRoute({
  method: 'post',
  path: '/password-reset',
  operationId: 'requestPasswordReset',
  tags,
  summary: 'Ask for a password reset link',
  description: 'Answers the same whether or not the address has an account; the link works once, for an hour.',
  security: [],
  request: { body: vendorBody(passwordResetRequestSchema) },
  responses: { 202: json('A link is on its way if the address has an account.', checkEmailSchema), ...errors(...bodyErrors) },
});

const resetPassword = createRoute({
  method: 'post',
  path: '/password-reset/confirm',
  operationId: 'resetPassword',
  tags,
  summary: 'Choose a new password',
  description: 'With the token of the reset link. Every session of the account ends; sign in with the new password.',
  security: [],
  request: { body: vendorBody(passwordResetSchema) },
  responses: { 204: { description: 'The password is changed.' }, ...errors(...bodyErrors) },
});

// Emails asked for (sign-up, reset) per recipient, and per address (RateLimits): enough for a person, too few to spam with.
const emailsPerRecipient = 5;
const emailWindowMs = 10 * 60_000;
// Failed sign-ins per email from one address before that address waits for it, and from all addresses
// together before everyone does: a stranger cannot lock a member out, a botnet still guesses slowly.
// Per address alone, the failed-authentication limit applies too.
const signInFailuresPerAddress = 5;
const signInFailuresPerEmail = 50;
const signInWindowMs = 15 * 60_000;

/** Signing up, in and out, confirming an address and resetting a password: the console's account endpoints. */
export function signInRoutes(deps: Services) {
  const failuresFromAddress = createWindowCounter(signInFailuresPerAddress, signInWindowMs, deps.rateLimitClock);
  const failuresOfEmail = createWindowCounter(signInFailuresPerEmail, signInWindowMs, deps.rateLimitClock);
  const perRecipient = createWindowCounter(emailsPerRecipient, emailWindowMs, deps.rateLimitClock);
  const perAddress = createWindowCounter(
    deps.rateLimits?.emailsPerAddress ?? defaultRateLimits.emailsPerAddress!,
    emailWindowMs,
    deps.rateLimitClock,
  );
  const limitEmails = (c: Context<AppEnv>, email: string) => {
    const address = addressKey(clientAddress(c, deps.rateLimits?.trustProxy ?? false));
    for (const [counter, key] of [
      [perAddress, address],
      [perRecipient, email],
    ] as const) {
      const wait = counter.waitSeconds(key);
      if (wait > 0) throw new ApiError('rate_limited', `too many emails asked for; retry after ${Math.ceil(wait / 60)} min`, wait);
    }
    perAddress.add(address);
    perRecipient.add(email);
  };
  const checkEmail = (email: string) => ({ message: `Check your email: if ${email} can use this, a link is on its way.` });

  return router()
    .openapi({ ...signUp, middleware: jsonBody }, async (c) => {
      const body = c.req.valid('json');
      limitEmails(c, body.email);
      // Two sign-ups of one new address at once (a double click): the second fails to make the row the
      // first made, and answers as the first did.
      await deps.auth.api.signUpEmail({ body, headers: c.req.raw.headers }).catch(async (error: unknown) => {
        const [made] = await deps.db.select({ id: consoleUsers.id }).from(consoleUsers).where(eq(consoleUsers.email, body.email)).limit(1);
        if (!made) throw error;
      });
      return c.json(checkEmail(body.email), 202);
    })
    .openapi({ ...signIn, middleware: jsonBody }, async (c) => {
      const { email, password } = c.req.valid('json');
      const fromAddress = `${email} ${addressKey(clientAddress(c, deps.rateLimits?.trustProxy ?? false))}`;
      const wait = Math.max(failuresFromAddress.waitSeconds(fromAddress), failuresOfEmail.waitSeconds(email));
      if (wait > 0) {
        throw new ApiError(
          'rate_limited',
          `too many failed sign-ins for this email; retry after ${Math.ceil(wait / 60)} min, or reset the password`,
          wait,
        );
      }
      const previous = await readSession(deps.auth, c, deps.now());
      const { headers } = await deps.auth.api
        .signInEmail({ body: { email, password }, headers: c.req.raw.headers, returnHeaders: true })
        .catch((error: unknown) => {
          if (isAPIError(error) && error.statusCode === 403)
            throw new ApiError('forbidden', 'confirm your email first: follow the link we sent (we sent it again)');
          if (isAPIError(error) && error.statusCode === 401) {
            failuresFromAddress.add(fromAddress);
            failuresOfEmail.add(email);
            throw new ApiError('unauthorized', 'email or password: no account matches both');
          }
          throw error;
        });
      failuresFromAddress.clear(fromAddress);
      // A session the browser brought along ends: the new one is the only one it holds. One ended
      // already (by a sign-in racing this one) needs nothing more.
      if (previous)
        await deps.auth.api.revokeSession({ headers: c.req.raw.headers, body: { token: previous.session.token } }).catch(() => undefined);
      forwardCookies(c, headers);
      const signedIn = await deps.auth.api.getSession({ headers: cookieHeaders(headers) });
      return c.json(await describeMe(deps.db, signedIn!.user), 200);
    })
    .openapi(signOut, async (c) => {
      if (c.req.header('cookie')?.includes('session_token')) {
        const { headers } = await deps.auth.api
          .signOut({ headers: c.req.raw.headers, returnHeaders: true })
          .catch(() => ({ headers: undefined }));
        forwardCookies(c, headers);
      }
      return c.body(null, 204);
    })
    .openapi(getMe, async (c) => {
      const signedIn = await readSession(deps.auth, c, deps.now());
      if (!signedIn) throw new ApiError('unauthorized', 'sign in to the console first');
      return c.json(await describeMe(deps.db, signedIn.user), 200);
    })
    .openapi({ ...verifyEmail, middleware: jsonBody }, async (c) => {
      const { token } = c.req.valid('json');
      try {
        const { headers } = await deps.auth.api.verifyEmail({ query: { token }, returnHeaders: true });
        forwardCookies(c, headers);
        const signedIn = await deps.auth.api.getSession({ headers: cookieHeaders(headers) });
        if (!signedIn) throw new ApiError('invalid_request', 'token: this link was used already; sign in');
        return c.json(await describeMe(deps.db, signedIn.user), 200);
      } catch (error) {
        if (isAPIError(error)) throw new ApiError('invalid_request', 'token: this link is not valid or has expired; sign up again');
        throw error;
      }
    })
    .openapi({ ...useSignInLink, middleware: jsonBody }, async (c) => {
      const { token } = c.req.valid('json');
      const signedIn = await deps.auth.api
        .magicLinkVerify({ query: { token }, headers: c.req.raw.headers, returnHeaders: true })
        .catch((error: unknown) => {
          if (isAPIError(error)) return null;
          throw error;
        });
      if (!signedIn?.response) throw new ApiError('invalid_request', 'token: this sign-in link was used already or has expired');
      forwardCookies(c, signedIn.headers);
      return c.json(await describeMe(deps.db, signedIn.response.user), 200);
    })
    .openapi({ ...requestReset, middleware: jsonBody }, async (c) => {
      const { email } = c.req.valid('json');
      limitEmails(c, email);
      await deps.auth.api.requestPasswordReset({ body: { email } });
      return c.json(checkEmail(email), 202);
    })
    .openapi({ ...resetPassword, middleware: jsonBody }, async (c) => {
      const { token, password } = c.req.valid('json');
      try {
        await deps.auth.api.resetPassword({ body: { token, newPassword: password } });
      } catch (error) {
        if (isAPIError(error)) throw new ApiError('invalid_request', 'token: this link is not valid or has expired; ask for a new one');
        throw error;
      }
      return c.body(null, 204);
    });
}

/** The cookie a Set-Cookie header list would give a browser, to read the session it opened. */
function cookieHeaders(setCookies: Headers | undefined): Headers {
  const cookie = (setCookies?.getSetCookie() ?? []).map((line) => line.split(';', 1)[0]).join('; ');
  return new Headers({ cookie });
}
