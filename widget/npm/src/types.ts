// The wire shapes a page gives the widget, written out here so that the published types stand
// alone; types.test-d.ts checks that they stay the same as the API's own (shared/src/schemas).

/** Flat properties of a user or an account: at most 100, each a string, a number or a boolean. */
export type TenpointTraits = Record<string, string | number | boolean>;

export interface TenpointAccount {
  /** Your id of the account (the company the user belongs to). */
  id: string;
  /** The first name Tenpoint sees is kept. */
  name?: string | undefined;
  traits?: TenpointTraits | undefined;
  /** Hex HMAC-SHA256 of `<userId>:<accountId>` with the site's identity secret. */
  accountHash?: string | undefined;
}

export interface TenpointUser {
  /** Your id of the user. */
  userId: string;
  email?: string | undefined;
  /** When the user signed up: ISO 8601, or Unix seconds. */
  createdAt?: string | number | undefined;
  account?: TenpointAccount | undefined;
  traits?: TenpointTraits | undefined;
  /** BCP 47 (`nl`, `nl-BE`); the browser's language when left out. */
  locale?: string | undefined;
  /** Hex HMAC-SHA256 of `userId` with the site's identity secret (docs/widget.md, identity verification). */
  userHash?: string | undefined;
}

export type TenpointCategory = 'detractor' | 'passive' | 'promoter' | 'low' | 'middle' | 'high';

/** What each event handler receives. */
export interface TenpointEvents {
  shown: { surveyId: string };
  response: { surveyId: string; score: number; category: TenpointCategory };
  comment: { surveyId: string; score: number; category: TenpointCategory; comment: string };
  declined: { surveyId: string };
  closed: { surveyId: string };
}
export type TenpointEvent = keyof TenpointEvents;

export interface TenpointInitOptions {
  /** The site's public key (`pk_…`), from the console's Install page. */
  siteKey: string;
  /** Your Tenpoint API's address, e.g. `https://tenpoint.example.com`; widget.js is loaded from it. */
  apiUrl: string;
  /** Your page's Content-Security-Policy nonce, given to the script and the survey's style. */
  nonce?: string | undefined;
}

/** `window.tenpoint`: the snippet's command function, one signature per command. */
export interface TenpointCommand {
  (command: 'identify', user: TenpointUser): void;
  (command: 'run', options?: { surveyId?: string }): void;
  (command: 'track', eventName: string): void;
  (command: 'show' | 'hide' | 'reset'): void;
  <E extends TenpointEvent>(command: 'on', event: E, handler: (payload: TenpointEvents[E]) => void): void;
  (command: 'debug', on?: boolean): void;
}
