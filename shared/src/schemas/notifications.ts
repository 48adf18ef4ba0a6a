import { z } from 'zod';

/** What a member chose to receive from Tenpoint, in one organization. */
export const notificationSettingsSchema = z
  .object({
    digest: z
      .enum(['weekly', 'off'], { error: 'must be "weekly" or "off"' })
      .describe('The weekly digest by email, sent on Mondays from 08:00 UTC for the week (Monday to Monday, UTC) just ended.'),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const notificationSettingsUpdateSchema = notificationSettingsSchema.strict().meta({ id: 'NotificationSettingsUpdate' });
