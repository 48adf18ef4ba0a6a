import { createServer } from 'node:http';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// The browser tests' mail server: a real SMTP server (the API's SMTP_URL points here) that keeps
// what it is sent, and a page on another port that lists it as JSON for the tests to read.
const smtpPort = Number(process.env.E2E_SMTP_PORT);
const mailPort = Number(process.env.E2E_MAIL_PORT);
const messages: { to: string; from: string; replyTo: string; subject: string; text: string; html: string }[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, done) {
    simpleParser(stream)
      .then((mail: ParsedMail) => {
        const to = [mail.to]
          .flat()
          .map((address) => address?.text ?? '')
          .join(', ');
        messages.push({
          to,
          from: mail.from?.text ?? '',
          replyTo: mail.replyTo?.text ?? '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : '',
        });
        done();
      })
      .catch(done);
  },
});
smtp.listen(smtpPort, '127.0.0.1');

createServer((request, response) => {
  const to = new URL(request.url ?? '/', 'http://localhost').searchParams.get('to');
  response.setHeader('Content-Type', 'application/json');
  response.end(JSON.stringify(to ? messages.filter((message) => message.to.includes(to)) : messages));
}).listen(mailPort, '127.0.0.1');

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
