import { z } from 'zod';

export const keyAccesses = ['full', 'read'] as const;

export const secretKeyInfoSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ examples: ['Nightly export'] }),
    access: z.enum(keyAccesses).describe('`full` reads and changes the site; `read` reads and exports only.'),
    start: z
      .string()
      .describe('The first characters of the key, to tell keys apart.')
      .meta({ examples: ['sk_Ab3d'] }),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().describe('To the minute; null when never used.'),
  })
  .meta({ id: 'SecretKeyInfo' });
export type SecretKeyAnswer = z.infer<typeof secretKeyInfoSchema>;

export const secretKeyCreateSchema = z
  .object({
    name: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    access: z.enum(keyAccesses, { error: 'must be full or read' }),
  })
  .strict()
  .meta({ id: 'SecretKeyCreate' });

export const secretKeyCreatedSchema = z
  .object({ key: secretKeyInfoSchema, secretKey: z.string().describe('Shown this once; only its hash is kept.') })
  .meta({ id: 'SecretKeyCreated' });

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: z.string().describe("The member's email or the key's name, as it was then."),
    action: z.string().meta({ examples: ['site.updated'] }),
    target: z.string().nullable(),
    siteId: z.uuid().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventAnswer = z.infer<typeof auditEventSchema>;
