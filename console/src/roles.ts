import type { OrganizationAnswer } from '@tenpoint/shared';

export type Role = OrganizationAnswer['role'];

/** What a role may do, as the API enforces it: the console hides the rest. */
export const can = {
  /** Download responses as CSV. */
  export: (role: Role) => role !== 'viewer',
  /** Assign, tag, note, reply to and close responses in the inbox. */
  followUp: (role: Role) => role !== 'viewer',
  /** Change settings, origins, keys, webhooks and members. */
  manage: (role: Role) => role === 'owner' || role === 'admin',
  /** Delete the organization, hand it over, read its outbox. */
  own: (role: Role) => role === 'owner',
};
