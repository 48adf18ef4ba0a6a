import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it is sent, parsed, for a test to read;
 * recipients `refuses` names are refused as a mail server refuses an unknown mailbox (550).
 */
export async function startSmtpCatcher(options: { refuses?: (address: string) => boolean } = {}) {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, done) {
      if (options.refuses?.(address.address)) done(Object.assign(new Error('550 no such mailbox'), { responseCode: 550 }));
      else done();
    },
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** The messages sent to `to` so far. */
    to: (to: string) => messages.filter((mail) => [mail.to].flat().some((address) => address?.text.includes(to))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
