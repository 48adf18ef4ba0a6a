import type { SiteAnswer } from '@tenpoint/shared';

// Answers of endpoints whose schemas are not in @tenpoint/shared yet, as the contract describes them.

export type Site = SiteAnswer & { enforceIdentity?: boolean; identitySecretSet?: boolean };

export interface SiteCreated {
  site: Site;
  secretKey: string;
}

export interface Refusal {
  reason: 'wrong_origin' | 'identity_failed' | 'unknown_key';
  origin: string | null;
  count: number;
  lastAt: string;
  fix: string;
}

export interface InstallCheck {
  installed: boolean;
  firstCallAt: string | null;
  lastCallAt: string | null;
  acceptedLastDay: number;
  refused: Refusal[];
}

export interface OutboxAnswer {
  kind: 'outbox' | 'smtp';
  data: Array<{ id: string; to: string; subject: string; text: string; createdAt: string }>;
}

export interface List<T> {
  data: T[];
}
