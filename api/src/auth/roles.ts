import type { KeyAccess } from '../sites/site-keys.ts';

export const roles = ['owner', 'admin', 'analyst', 'viewer'] as const;
export type Role = (typeof roles)[number];

/**
 * What a request may do. `read`: scores, answers, settings as they are. `export`: CSV and a user's
 * data. `manage`: change a site (settings, origins, keys, webhooks, test mode, erasure) and make
 * sites. `members`: invite, remove, change roles. `own`: delete the organization, hand it over.
 * `followUp`: assign, tag, note, reply to and close responses (the inbox).
 * `alerts`: make and change alert rules (every member their own; team rules need `manage` besides).
 */
export type Permission = 'read' | 'export' | 'followUp' | 'manage' | 'members' | 'own' | 'alerts';

const rolePermissions: Record<Role, readonly Permission[]> = {
  owner: ['read', 'export', 'followUp', 'manage', 'members', 'own', 'alerts'],
  admin: ['read', 'export', 'followUp', 'manage', 'members', 'alerts'],
  analyst: ['read', 'export', 'followUp', 'alerts'],
  viewer: ['read', 'alerts'],
};

// A key belongs to one site, never to a team: it can neither see nor change members.
const keyPermissions: Record<KeyAccess, readonly Permission[]> = {
  full: ['read', 'export', 'followUp', 'manage', 'alerts'],
  read: ['read', 'export'],
};

export const roleAllows = (role: Role, permission: Permission) => rolePermissions[role].includes(permission);
export const keyAllows = (access: KeyAccess, permission: Permission) => keyPermissions[access].includes(permission);
export const isRole = (value: unknown): value is Role => roles.includes(value as Role);

/** The words of a 403: what the caller lacks, said as the role that would have it. */
export function neededRole(permission: Permission): string {
  if (permission === 'own') return 'the owner';
  if (permission === 'manage' || permission === 'members') return 'an admin or the owner';
  if (permission === 'alerts') return 'a member';
  if (permission === 'export' || permission === 'followUp') return 'an analyst, an admin or the owner';
  return 'a member';
}
