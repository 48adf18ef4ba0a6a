import { z } from 'zod';
import { wootricAccountTokenPattern } from '../wootric.ts';

/** A Wootric account token as the vendor gives it (`PATCH /v1/site`) and the pasted snippet looks it up. */
export const wootricAccountTokenSchema = z
  .string({ error: 'must be a Wootric account token such as NPS-7fbb3f3c, or null' })
  .max(68, 'must be at most 68 characters')
  .regex(wootricAccountTokenPattern, 'must be a Wootric account token: NPS- and letters or digits, such as NPS-7fbb3f3c');

/** `GET /v1/site`: the site a secret key belongs to, as the vendor can see and change it. */
export const siteSchema = z
  .object({
    id: z.uuid(),
    name: z.string().meta({ examples: ['Acme invoicing'] }),
    siteKey: z.string().meta({ description: "The public key the widget's script tag carries.", examples: ['pk_3f9a8b7c6d5e4f3a'] }),
    allowedOrigins: z.array(z.string()).meta({
      description: 'Pages on these origins may run the widget (scheme, host and port, as browsers send `Origin`).',
      examples: [['https://app.acme.io']],
    }),
    testMode: z.boolean().describe("`tenpoint('show')` shows the survey whatever the throttles say: for trying the widget."),
    enforceIdentity: z.boolean().describe('Widget calls must carry `userHash` (and `accountHash`) signed with the identity secret.'),
    identitySecretSet: z.boolean().describe('The site has an identity secret (`GET /v1/site/identity-secret` reads it).'),
    wootricAccountToken: z
      .string()
      .nullable()
      .meta({
        description: "A Wootric snippet pasted with this `account_token` runs this site's survey (`/wootric.js`); null when none.",
        examples: ['NPS-7fbb3f3c'],
      }),
    createdAt: z.iso.datetime().describe('ISO 8601 in UTC with milliseconds.'),
  })
  .meta({ id: 'Site' });
export type SiteAnswer = z.infer<typeof siteSchema>;

/** `PATCH /v1/site`: the fields given change, the rest stay. */
export const sitePatchSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      .optional()
      .meta({ examples: ['Acme invoicing'] }),
    testMode: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .describe("In test mode `tenpoint('show')` shows the survey whatever the throttles say."),
    enforceIdentity: z
      .boolean({ error: 'must be true or false' })
      .optional()
      .describe('Refuse widget calls without a valid `userHash`; needs an identity secret (`POST /v1/site/identity-secret`) first.'),
    wootricAccountToken: wootricAccountTokenSchema
      .nullable()
      .optional()
      .meta({
        description:
          "Your Wootric `account_token`: a Wootric snippet pasted as it is, loading `/wootric.js`, then runs this site's survey. " +
          'One site per token (409 when another has it); null clears it.',
        examples: ['NPS-7fbb3f3c'],
      }),
  })
  .strict()
  .meta({ id: 'SitePatch', description: 'The fields given change, the rest stay.' });
export type SitePatch = z.infer<typeof sitePatchSchema>;

/** `POST /v1/site/origins`: one origin to allow. */
export const siteOriginSchema = z
  .object({
    origin: z
      .string({ error: 'must be a string such as https://app.example.com' })
      .max(2048, 'must be at most 2048 characters')
      .meta({ description: 'Scheme, host and port as browsers send them; normalised.', examples: ['https://app.acme.io'] }),
  })
  .strict()
  .meta({ id: 'SiteOrigin' });

/** `POST` and `GET /v1/site/identity-secret`: what the vendor's server signs user ids with. */
export const identitySecretSchema = z
  .object({
    identitySecret: z
      .string()
      .nullable()
      .meta({ description: 'Keep it on your server; null until one is made.', examples: ['is_Xq3…'] }),
  })
  .meta({ id: 'IdentitySecret' });

export const newIdentitySecretSchema = z
  .object({ identitySecret: z.string().meta({ description: 'Keep it on your server.', examples: ['is_Xq3…'] }) })
  .meta({ id: 'NewIdentitySecret' });

export const widgetCallRefusals = ['wrong_origin', 'identity_failed', 'unknown_key'] as const;

/** `GET /v1/site/install-check`: whether the widget has called from an allowed origin, and what was refused in the last day. */
export const installCheckSchema = z
  .object({
    installed: z.boolean().describe('A widget call from an allowed origin was accepted at least once.'),
    firstCallAt: z.iso.datetime().nullable().describe('When the first accepted call was seen; null before any.'),
    lastCallAt: z.iso.datetime().nullable().describe('The latest accepted call; null before any.'),
    acceptedLastDay: z.number().int().describe('Accepted widget calls in the last 24 hours.'),
    refused: z
      .array(
        z.object({
          reason: z.enum(widgetCallRefusals).describe('Why the calls were refused.'),
          origin: z.string().describe('The page origin the calls came from (empty when they sent none).'),
          count: z.number().int(),
          lastAt: z.iso.datetime(),
          fix: z.string().describe('What to change, in plain words.'),
        }),
      )
      .describe('Refused calls of the last 24 hours by reason and origin, most first; at most 50.'),
  })
  .meta({ id: 'InstallCheck' });
export type InstallCheckAnswer = z.infer<typeof installCheckSchema>;

/** `GET /v1/wootric/sites/:accountToken`: the site a pasted Wootric snippet runs. */
export const wootricSiteSchema = z
  .object({ siteKey: z.string().meta({ description: "The site's public key, for widget.js.", examples: ['pk_3f9a8b7c6d5e4f3a'] }) })
  .meta({ id: 'WootricSite' });
