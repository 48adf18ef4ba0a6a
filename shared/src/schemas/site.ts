import { z } from 'zod';

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
