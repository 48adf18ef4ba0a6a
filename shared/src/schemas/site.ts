import { z } from 'zod';

/** `GET /v1/site`: the site a secret key belongs to, as the vendor can see and change it. */
export const siteSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The public key the widget's script tag carries. */
  siteKey: z.string(),
  /** Pages on these origins may run the widget (scheme, host and port, as browsers send `Origin`). */
  allowedOrigins: z.array(z.string()),
  /** `tenpoint('show')` shows the survey whatever the throttles say: for trying the widget. */
  testMode: z.boolean(),
  createdAt: z.string(),
});
export type SiteAnswer = z.infer<typeof siteSchema>;

/** `PATCH /v1/site`: the fields given change, the rest stay. */
export const sitePatchSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
    testMode: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .strict();
export type SitePatch = z.infer<typeof sitePatchSchema>;

/** `POST /v1/site/origins`: one origin to allow, e.g. `https://app.example.com`. */
export const siteOriginSchema = z.object({ origin: z.string({ error: 'must be a string such as https://app.example.com' }).max(2048, 'must be at most 2048 characters') }).strict();
