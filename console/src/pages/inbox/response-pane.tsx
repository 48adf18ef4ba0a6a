import type { MemberAnswer, ResponseDetail } from '@tenpoint/shared';
import { useState } from 'preact/hooks';
import { siteClient } from '../../api.ts';
import type { Site } from '../../types.ts';
import { Field, FormProblem, Submit, useAction } from '../../ui/form.tsx';
import { useLoad } from '../../use-load.ts';
import { when } from '../when.ts';
import { age, stateWords } from './inbox-words.ts';
import { deliveryWords, ReplyForm } from './reply-form.tsx';

interface PaneProps {
  site: Site;
  responseId: string;
  members: MemberAnswer[];
  writable: boolean;
  /** Opened by the `c` key: the closing form comes first, its field focused. */
  closing: boolean;
  onClosingDone: () => void;
  onChanged: () => void;
  /** Bumped whenever the inbox changed something: the pane reads its response again, staying as it is meanwhile. */
  version: number;
}

/** One response in the inbox: what the user said, who they are, its follow-up and its thread. */
export function ResponsePane(props: PaneProps) {
  const client = siteClient(props.site.id);
  const detail = useLoad(() => client.get<ResponseDetail>(`/v1/responses/${props.responseId}`), [props.responseId, props.version]);
  const reload = props.onChanged;
  const response = detail.data;
  if (!response) return <section class="card inbox-pane">{detail.error ? <p class="problem">{detail.error}</p> : <p>Loading…</p>}</section>;
  const traits = Object.entries(response.user.traits);
  return (
    <section class="card inbox-pane" aria-label="The response">
      <h2>
        {response.score} · {response.category} · {response.survey.name}
      </h2>
      <p>
        {response.user.userId}
        {response.account ? ` of ${response.account.id}` : ''} · {when(response.createdAt)} ({age(response.createdAt)} ago)
      </p>
      <blockquote class="inbox-quote">{response.comment || 'No comment.'}</blockquote>
      {traits.length > 0 && (
        <dl class="facts">
          {traits.map(([name, value]) => (
            <>
              <dt key={`${name}-name`}>{name}</dt>
              <dd key={`${name}-value`}>{String(value)}</dd>
            </>
          ))}
        </dl>
      )}
      <FollowUpEditor {...props} response={response} onChanged={reload} />
      <h3>Thread</h3>
      <ol class="thread" aria-label="Notes and replies">
        {response.thread.map((entry) => (
          <li key={entry.id}>
            <strong>{entry.author.name}</strong> {entry.kind === 'reply' ? 'replied' : 'noted'} · {when(entry.createdAt)}
            <p class="thread-body">{entry.body}</p>
            {entry.kind === 'reply' && <p class="hint">{deliveryWords(entry)}</p>}
          </li>
        ))}
        {response.thread.length === 0 && <li>No notes yet.</li>}
      </ol>
      {props.writable && <NoteForm site={props.site} responseId={response.id} onAdded={reload} />}
      {props.writable && <ReplyForm site={props.site} response={response} onSent={reload} />}
    </section>
  );
}

function FollowUpEditor(props: PaneProps & { response: ResponseDetail }) {
  const client = siteClient(props.site.id);
  const { followUp } = props.response;
  const action = useAction();
  const [tag, setTag] = useState('');
  const [resolution, setResolution] = useState(followUp.resolution ?? '');
  const patch = (body: object) =>
    action.run(async () => {
      await client.patch(`/v1/responses/${props.response.id}/follow-up`, body);
      props.onChanged();
    });
  if (!props.writable)
    return (
      <p>
        {stateWords[followUp.state]} · {followUp.owner ? `Owner: ${followUp.owner.name}` : 'Unassigned'}
        {followUp.tags.length ? ` · Tags: ${followUp.tags.join(', ')}` : ''}
        {followUp.resolution ? ` · Resolution: ${followUp.resolution}` : ''}
      </p>
    );
  return (
    <div class="follow-up-editor">
      <div class="form-field">
        <label for="follow-up-owner">Owner</label>
        <select
          id="follow-up-owner"
          value={followUp.owner?.memberId ?? ''}
          onChange={(event) => patch({ ownerId: event.currentTarget.value || null })}
        >
          <option value="">Unassigned</option>
          {props.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name || member.email}
            </option>
          ))}
        </select>
      </div>
      <div class="form-field">
        <label for="follow-up-state">State</label>
        <select
          id="follow-up-state"
          value={followUp.state}
          onChange={(event) => {
            const state = event.currentTarget.value;
            if (state !== 'closed') void patch({ state });
            else event.currentTarget.value = followUp.state;
          }}
        >
          <option value="new">New</option>
          <option value="in_progress">In progress</option>
          <option value="closed" disabled={followUp.state !== 'closed'}>
            Closed (use the form below)
          </option>
        </select>
      </div>
      <p>
        Tags:{' '}
        {followUp.tags.map((each) => (
          <button
            key={each}
            type="button"
            class="badge"
            aria-label={`Remove the tag ${each}`}
            onClick={() => patch({ removeTags: [each] })}
          >
            {each} ×
          </button>
        ))}
      </p>
      <form
        aria-label="Add a tag"
        onSubmit={(event) => {
          event.preventDefault();
          if (tag.trim()) void patch({ addTags: [tag.trim()] }).then(() => setTag(''));
        }}
      >
        <Field id="follow-up-tag" label="Add a tag" value={tag} onInput={setTag} />
        <Submit busy={action.busy}>Add tag</Submit>
      </form>
      {followUp.state !== 'closed' ? (
        <form
          aria-label="Close"
          onSubmit={(event) => {
            event.preventDefault();
            void patch({ state: 'closed', resolution: resolution.trim() || null }).then(props.onClosingDone);
          }}
        >
          <CloseField closing={props.closing} value={resolution} onInput={setResolution} />
          <Submit busy={action.busy || !resolution.trim()}>Close</Submit>
        </form>
      ) : (
        <p>
          Closed {when(followUp.closedAt)}: {followUp.resolution}{' '}
          <button type="button" onClick={() => patch({ state: 'in_progress' })}>
            Reopen
          </button>
        </p>
      )}
      <FormProblem action={action} />
    </div>
  );
}

function CloseField({ closing, value, onInput }: { closing: boolean; value: string; onInput: (value: string) => void }) {
  return (
    <div class="form-field">
      <label for="follow-up-resolution">Resolution (how it was resolved)</label>
      <textarea
        id="follow-up-resolution"
        rows={2}
        value={value}
        ref={(element) => {
          if (closing && element && document.activeElement !== element) element.focus();
        }}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
    </div>
  );
}

function NoteForm({ site, responseId, onAdded }: { site: Site; responseId: string; onAdded: () => void }) {
  const action = useAction();
  const [body, setBody] = useState('');
  return (
    <form
      aria-label="Add a note"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run(async () => {
          await siteClient(site.id).post(`/v1/responses/${responseId}/notes`, { body });
          setBody('');
          onAdded();
        });
      }}
    >
      <Field id="note-body" label="Note (only your team sees it)" value={body} onInput={setBody} multiline />
      <Submit busy={action.busy || !body.trim()}>Add note</Submit>
      <FormProblem action={action} />
    </form>
  );
}
