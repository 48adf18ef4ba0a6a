import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { magicLink, organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements, ownerAc } from 'better-auth/plugins/organization/access';
import type { Database } from '../db/client.ts';
import {
  consoleLogins,
  consoleSessions,
  consoleUsers,
  consoleVerifications,
  invitations,
  members,
  organizations,
} from '../db/schema/index.ts';
import { type Mailer, typedName } from '../email/mailer.ts';
import { consoleLink } from './console-links.ts';

/** A session ends after this long without a request, and in any case this long after sign-in. */
export const sessionIdleSeconds = 24 * 3600;
export const sessionMaxSeconds = 7 * 24 * 3600;
export const invitationDays = 7;
export const signInLinkMinutes = 60;

// better-auth checks its own organization endpoints (invite, remove, change a role) against these;
// everything else a role may do is decided by auth/roles.ts.
const accessControl = createAccessControl(defaultStatements);
const authRoles = {
  owner: ownerAc,
  admin: adminAc,
  analyst: accessControl.newRole({}),
  viewer: accessControl.newRole({}),
};

export interface AuthOptions {
  db: Database;
  /** Where this API is reached from outside (links in email, Secure cookies over https). */
  publicUrl: string;
  secret: string;
  mailer: Mailer;
}

/**
 * The console's sign-in, sessions and teams, by better-auth: passwords hashed with scrypt,
 * sessions kept server-side behind an HttpOnly, SameSite=Strict cookie, organizations, members
 * and invitations. Its HTTP handler is not mounted: the `/v1` routes call it, so that every
 * action is in the OpenAPI document, answers in the one error shape and passes our limits.
 */
export function createAuth(options: AuthOptions) {
  const { mailer, publicUrl } = options;
  // Sign-in links asked for by this process (pnpm start) are handed back here instead of mailed.
  const linksWanted = new Map<string, (token: string) => void>();
  const auth = betterAuth({
    baseURL: publicUrl,
    secret: options.secret,
    telemetry: { enabled: false },
    // Its own log lines quote failed queries with their parameters (emails); errors reach us as thrown errors.
    logger: { disabled: true },
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: {
        console_users: consoleUsers,
        console_sessions: consoleSessions,
        console_logins: consoleLogins,
        console_verifications: consoleVerifications,
        organizations,
        members,
        invitations,
      },
    }),
    user: { modelName: 'console_users' },
    session: { modelName: 'console_sessions', expiresIn: sessionIdleSeconds, updateAge: 3600 },
    account: { modelName: 'console_logins' },
    verification: { modelName: 'console_verifications' },
    advanced: {
      database: { generateId: 'uuid' },
      cookiePrefix: 'tenpoint',
      defaultCookieAttributes: { sameSite: 'strict', httpOnly: true },
    },
    // Sign-in limits are the API's own (auth/sign-in-limits.ts): this handler is never reached over HTTP.
    rateLimit: { enabled: false },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      // Ours is 256 characters (shared's schemas); better-auth counts UTF-16 units, up to two a character.
      maxPasswordLength: 512,
      // A sign-up with an address that has an account answers as any other; its owner is told by email.
      requireEmailVerification: true,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 3600,
      sendResetPassword: async ({ user, token }) => {
        await mailer.send({
          to: user.email,
          subject: 'Reset your Tenpoint password',
          paragraphs: [
            'Someone, we hope you, asked to reset the password of your Tenpoint account.',
            'The link works once, for an hour. If you did not ask, ignore this email: your password stays as it is.',
          ],
          action: { label: 'Choose a new password', url: consoleLink(publicUrl, 'reset-password', { token }) },
        });
      },
      onExistingUserSignUp: async ({ user }) => {
        await mailer.send({
          to: user.email,
          subject: 'You already have a Tenpoint account',
          paragraphs: [
            'Someone, we hope you, tried to sign up to Tenpoint with this address, which already has an account.',
            'Sign in instead, or reset your password if you forgot it. If it was not you, nothing has changed.',
          ],
          action: { label: 'Sign in', url: consoleLink(publicUrl, 'sign-in') },
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      // A sign-in before confirming sends the link again (the answer says so).
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 24 * 3600,
      sendVerificationEmail: async ({ user, token }) => {
        await mailer.send({
          to: user.email,
          subject: 'Confirm your email for Tenpoint',
          paragraphs: [
            `Welcome to Tenpoint, ${typedName(user.name)}.`,
            'Confirm this is your address to sign in. The link works for a day.',
          ],
          action: { label: 'Confirm and sign in', url: consoleLink(publicUrl, 'verify-email', { token }) },
        });
      },
    },
    plugins: [
      magicLink({
        disableSignUp: true,
        storeToken: 'hashed',
        expiresIn: signInLinkMinutes * 60,
        sendMagicLink: async ({ email, token }) => {
          const wanted = linksWanted.get(email);
          if (wanted) return wanted(token);
          await mailer.send({
            to: email,
            subject: 'Your Tenpoint sign-in link',
            paragraphs: [`This link signs you in to Tenpoint once, within ${signInLinkMinutes} minutes.`],
            action: { label: 'Sign in', url: consoleLink(publicUrl, 'sign-in-link', { token }) },
          });
        },
      }),
      organization({
        ac: accessControl,
        roles: authRoles,
        creatorRole: 'owner',
        invitationExpiresIn: invitationDays * 24 * 3600,
        cancelPendingInvitationsOnReInvite: true,
        schema: {
          organization: { modelName: 'organizations' },
          member: { modelName: 'members' },
          invitation: { modelName: 'invitations' },
        },
        sendInvitationEmail: async ({ id, email, role, organization: team, inviter }) => {
          const [who, where] = [typedName(inviter.user.name), typedName(team.name)];
          await mailer.send({
            to: email,
            organizationId: team.id,
            subject: `${who} invited you to ${where} on Tenpoint`,
            paragraphs: [
              `${who} (${inviter.user.email}) invited you to join ${where} on Tenpoint as ${role}.`,
              `Tenpoint is where ${where} reads what its users say in surveys. The invitation works for ${invitationDays} days.`,
            ],
            action: { label: 'Accept the invitation', url: consoleLink(publicUrl, `invitation/${id}`) },
          });
        },
      }),
    ],
  });
  /** A one-time link that signs `email` in to the console (an existing, confirmed user), for `pnpm start` to print. */
  const signInLink = async (email: string): Promise<string> => {
    const token = new Promise<string>((resolve) => linksWanted.set(email, resolve));
    try {
      await auth.api.signInMagicLink({ body: { email }, headers: new Headers() });
      return consoleLink(publicUrl, 'sign-in-link', { token: await token });
    } finally {
      linksWanted.delete(email);
    }
  };
  return Object.assign(auth, { signInLink });
}

export type ConsoleAuth = ReturnType<typeof createAuth>;
