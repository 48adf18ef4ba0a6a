import type { InstallCheckAnswer, SiteAnswer } from '@tenpoint/shared';

// The answers the console reads, by the names it uses; those without an exported type, as the contract describes them.

export type Site = SiteAnswer;
export type InstallCheck = InstallCheckAnswer;
export type Refusal = InstallCheckAnswer['refused'][number];

export interface SiteCreated {
  site: Site;
  secretKey: string;
}

export interface OutboxAnswer {
  kind: 'outbox' | 'smtp';
  data: Array<{ id: string; to: string; subject: string; text: string; sendError: string | null; createdAt: string }>;
}

export interface List<T> {
  data: T[];
}
