import { z } from 'zod';

const traitValue = z.union([z.string().max(1000, 'must be at most 1000 characters'), z.number().finite(), z.boolean()], {
  error: 'must be a string, a number or a boolean',
});

export const traitsSchema = z
  .record(z.string().min(1, 'a trait needs a name').max(100, 'a trait name must be at most 100 characters'), traitValue, {
    error: 'must be an object of flat values',
  })
  .refine((traits) => Object.keys(traits).length <= 100, 'must have at most 100 keys')
  .meta({
    description: 'Flat key/value properties (string, number or boolean), at most 100 keys.',
    examples: [{ plan: 'pro', role: 'admin', seats: 12 }],
  });
export type Traits = z.infer<typeof traitsSchema>;

const isoDateTime = z.union([z.iso.datetime({ offset: true, local: true }), z.iso.date()]);

// A sign-up date a user could have: after 1970 and before 2200, as a date or Unix seconds.
const earliestSignUp = 0;
const latestSignUp = Date.UTC(2200, 0, 1);
const signUpWords = 'must be a date between 1970 and 2200';
const plausible = (value: string | number) => {
  const time = typeof value === 'number' ? value * 1000 : Date.parse(value);
  return Number.isFinite(time) && time >= earliestSignUp && time < latestSignUp;
};

/** A BCP 47 language tag (`nl`, `nl-BE`): the user's language, or the one a survey was shown in. */
export const languageTag = z
  .string()
  .max(35, 'must be at most 35 characters')
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 language tag such as nl or nl-BE');

export const accountSchema = z
  .object(
    {
      id: z
        .string({ error: 'must be a string' })
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        .meta({ description: 'Your id of the account.', examples: ['acme'] }),
      name: z
        .string()
        .max(200, 'must be at most 200 characters')
        .optional()
        .meta({ description: 'The first name seen is kept: later calls never rename the account.', examples: ['Acme BV'] }),
      traits: traitsSchema.optional(),
      accountHash: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex HMAC-SHA256 of "userId:accountId"')
        .optional()
        .describe(
          'Hex HMAC-SHA256 of `<userId>:<accountId>` with the identity secret: the user belongs to this account. Required with ' +
            '`account` when the site enforces identity verification.',
        ),
    },
    { error: 'must be an object with an id' },
  )
  .strict()
  .describe('B2B: the company the user belongs to.');
export type AccountInput = z.infer<typeof accountSchema>;

export const userSchema = z
  .object(
    {
      userId: z
        .string({ error: 'must be a string' })
        .min(1, 'must not be empty')
        .max(200, 'must be at most 200 characters')
        .meta({ description: 'Your id of the user.', examples: ['u_42'] }),
      email: z
        .email({ error: 'must be an email address' })
        .max(320)
        .optional()
        .meta({ description: 'Used only to leave out your own staff (`targeting.excludeEmailDomains`).', examples: ['ann@acme.io'] }),
      createdAt: z
        .union([isoDateTime, z.number().int(signUpWords).nonnegative(signUpWords)], {
          error: 'must be an ISO 8601 date-time or Unix seconds',
        })
        .refine(plausible, signUpWords)
        .optional()
        .meta({
          description: 'When the user signed up: ISO 8601 or Unix seconds. The first survey waits `throttle.daysAfterSignUp` after it.',
          examples: ['2025-01-31T10:00:00Z'],
        }),
      account: accountSchema.optional(),
      traits: traitsSchema.optional(),
      locale: languageTag.optional().meta({ description: "The user's language (BCP 47); by default the browser's.", examples: ['nl'] }),
      userHash: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'must be the hex HMAC-SHA256 of userId')
        .optional()
        .describe("Hex HMAC-SHA256 of `userId` with the site's identity secret; required when the site enforces identity verification."),
    },
    { error: 'must be an object with a userId' },
  )
  .strict()
  .meta({ id: 'User', description: 'The end user, as `identify()` describes them. Recorded on every widget call.' });
export type UserInput = z.infer<typeof userSchema>;
