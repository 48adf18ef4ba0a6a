import { expect } from '@playwright/test';

const mailUrl = `http://127.0.0.1:${process.env.E2E_MAIL_PORT}`;

/** The link in the last email the API sent to `to` through the test's SMTP server, once it has arrived. */
export async function linkInLastEmailTo(to: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const messages = (await (await fetch(`${mailUrl}/?to=${encodeURIComponent(to)}`)).json()) as { text: string }[];
        link = /https?:\/\/\S+/.exec(messages.at(-1)?.text ?? '')?.[0];
        return link;
      },
      { message: `an email to ${to}`, timeout: 10_000 },
    )
    .toBeTruthy();
  return link!;
}

export interface CaughtEmail {
  to: string;
  from: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
}

/** Every email the API sent to `to` through the test's SMTP server so far. */
export async function emailsTo(to: string): Promise<CaughtEmail[]> {
  return (await (await fetch(`${mailUrl}/?to=${encodeURIComponent(to)}`)).json()) as CaughtEmail[];
}
