import { z } from 'zod';

// The console's requests and answers: signing in, organizations, members and invitations.

const email = z
  .email({ error: 'must be an email address, such as ana@acme.io' })
  .max(254, 'must be at most 254 characters')
  .transform((value) => value.toLowerCase())
  .meta({ examples: ['ana@acme.io'] });
const password = z
  .string({ error: 'must be a string' })
  .min(10, 'must be at least 10 characters')
  .max(256, 'must be at most 256 characters');
const personName = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const token = z.string({ error: 'must be the token from the email' }).min(1, 'must not be empty').max(2000, 'is too long to be a token');

export const memberRoles = ['owner', 'admin', 'analyst', 'viewer'] as const;
export const invitableRoles = ['admin', 'analyst', 'viewer'] as const;
const role = z.enum(memberRoles).meta({
  description:
    'viewer reads; analyst also exports; admin also changes settings, keys, webhooks and members; owner also deletes the organization.',
});
const invitableRole = z.enum(invitableRoles, { error: 'must be admin, analyst or viewer (the owner hands over with a transfer)' });

export const signUpSchema = z
  .object({ name: personName.meta({ examples: ['Ana Lima'] }), email, password })
  .strict()
  .meta({ id: 'SignUp' });
export type SignUp = z.infer<typeof signUpSchema>;

export const signInSchema = z
  .object({
    email,
    password: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
  })
  .strict()
  .meta({ id: 'SignIn' });
export type SignIn = z.infer<typeof signInSchema>;

export const emailTokenSchema = z.object({ token }).strict().meta({ id: 'EmailToken' });
export const passwordResetRequestSchema = z.object({ email }).strict().meta({ id: 'PasswordResetRequest' });
export const passwordResetSchema = z.object({ token, password }).strict().meta({ id: 'PasswordReset' });

/** What `POST /v1/sign-up` and `POST /v1/password-reset` answer, whoever the address belongs to. */
export const checkEmailSchema = z
  .object({ message: z.string().meta({ examples: ['Check your email: we sent a link to ana@acme.io.'] }) })
  .meta({ id: 'CheckEmail' });

export const organizationOfMeSchema = z
  .object({ id: z.uuid(), name: z.string(), role, createdAt: z.iso.datetime() })
  .meta({ id: 'Organization', description: 'An organization and the role the caller has in it.' });
export type OrganizationAnswer = z.infer<typeof organizationOfMeSchema>;

export const meSchema = z
  .object({
    user: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    organizations: z.array(organizationOfMeSchema),
  })
  .meta({ id: 'Me' });
export type MeAnswer = z.infer<typeof meSchema>;

export const organizationCreateSchema = z
  .object({ name: personName.meta({ examples: ['Acme'] }) })
  .strict()
  .meta({ id: 'OrganizationCreate' });

export const memberSchema = z
  .object({ id: z.uuid(), userId: z.uuid(), name: z.string(), email: z.string(), role, createdAt: z.iso.datetime() })
  .meta({ id: 'Member' });
export type MemberAnswer = z.infer<typeof memberSchema>;

export const memberPatchSchema = z.object({ role: invitableRole }).strict().meta({ id: 'MemberPatch' });

export const invitationCreateSchema = z.object({ email, role: invitableRole }).strict().meta({ id: 'InvitationCreate' });

export const invitationSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    email: z.string(),
    role: z.enum(memberRoles),
    status: z.enum(['pending', 'accepted', 'rejected', 'canceled']),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });
export type InvitationAnswer = z.infer<typeof invitationSchema>;

export const ownershipTransferSchema = z
  .object({ memberId: z.uuid({ error: 'must be the id of a member of this organization' }) })
  .strict()
  .meta({ id: 'OwnershipTransfer' });

/** A destructive action names what it destroys, as typed by the person confirming it. */
export const confirmNameSchema = z
  .object({ confirm: z.string({ error: 'type the name to confirm' }).max(200, 'must be at most 200 characters') })
  .strict()
  .meta({ id: 'ConfirmName' });

export const outboxEmailSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    sendError: z.string().nullable().describe('Why the SMTP server did not take it; null when kept because no SMTP server is set.'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'OutboxEmail' });
