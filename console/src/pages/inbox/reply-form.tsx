import type { FollowUpEntryAnswer, ResponseDetail } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { api } from '../../api.ts';
import { can } from '../../roles.ts';
import { useWorkspace } from '../../shell/workspace.ts';
import type { Site } from '../../types.ts';
import { Field, FormProblem, Submit, useAction } from '../../ui/form.tsx';

/** What became of a reply, in words. */
export function deliveryWords(entry: Pick<FollowUpEntryAnswer, 'delivery' | 'deliveryError' | 'sentTo'>): string {
  if (entry.delivery === 'sent') return `Sent to ${entry.sentTo}.`;
  if (entry.delivery === 'kept')
    return 'Kept in the outbox: no SMTP server is set up (SMTP_URL), so it was not sent. The owner can pass it on from the outbox.';
  return `Not sent: the mail server refused it (${entry.deliveryError ?? 'no reason given'}). It is kept in the outbox.`;
}

/** Writing a reply to the respondent by email, under a response in the inbox. */
export function ReplyForm({ site, response, onSent }: { site: Site; response: ResponseDetail; onSent: () => void }) {
  const { role } = useWorkspace();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [outcome, setOutcome] = useState<FollowUpEntryAnswer>();
  const action = useAction();
  if (!can.followUp(role)) return null;
  // The answer names the address only where it carries one; the reply goes to it either way.
  const { email } = response;
  return (
    <section class="card reply-form" aria-labelledby={`reply-${response.id}`}>
      <h3 id={`reply-${response.id}`}>Reply by email</h3>
      {!response.replyable ? (
        <p>
          No reply can be sent: the respondent’s email is not known. Send it with <code>identify</code> (<code>user.email</code>) to reply
          to people who answer from now on.
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void action.run(async () => {
              const entry = await api.post<FollowUpEntryAnswer>(
                `/v1/responses/${response.id}/replies`,
                { ...(subject.trim() ? { subject } : {}), body },
                site.id,
              );
              setOutcome(entry);
              setBody('');
              onSent();
            });
          }}
        >
          <p data-testid="reply-to">To: {email ?? 'the email the respondent was identified with'}</p>
          <Field
            id={`reply-subject-${response.id}`}
            label="Subject"
            value={subject}
            onInput={setSubject}
            hint="Left empty: “About your feedback on” and the survey’s product name."
            error={action.fieldError('subject')}
          />
          <Field
            id={`reply-body-${response.id}`}
            label="Message"
            value={body}
            onInput={setBody}
            multiline
            required
            error={action.fieldError('body')}
          />
          <p class="hint">
            Your name and the site’s go with it, and their own answer is quoted; replies come back to the response’s owner.
          </p>
          <FormProblem action={action} fields={['subject', 'body']} />
          <Submit busy={action.busy}>Send reply</Submit>
          {outcome && (
            <p role="status" data-testid="reply-outcome">
              {deliveryWords(outcome)}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
