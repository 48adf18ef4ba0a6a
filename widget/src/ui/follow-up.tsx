import { useEffect, useRef, useState } from 'preact/hooks';

interface FollowUpProps {
  question: string;
  placeholder: string;
  submit: string;
  onSubmit: (comment: string) => void;
}

export function FollowUp({ question, placeholder, submit, onSubmit }: FollowUpProps) {
  const [comment, setComment] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);

  // The score was just picked; the next thing to do is type.
  useEffect(() => field.current?.focus(), []);

  const send = (event: Event) => {
    event.preventDefault();
    onSubmit(comment.trim());
  };

  return (
    <form class="follow-up" onSubmit={send}>
      <label for="tp-comment" class="follow-up-question" aria-live="polite">
        {question}
      </label>
      <textarea
        ref={field}
        id="tp-comment"
        rows={3}
        maxLength={5000}
        placeholder={placeholder}
        value={comment}
        onInput={(event) => setComment(event.currentTarget.value)}
        // Enter stays a new line; Ctrl+Enter (⌘+Enter) sends, as in most chat and comment boxes.
        onKeyDown={(event) => event.key === 'Enter' && (event.ctrlKey || event.metaKey) && send(event)}
        // Once the on-screen keyboard is up, the box must still be in sight.
        onFocus={() => setTimeout(() => field.current?.scrollIntoView({ block: 'nearest' }), 350)}
      />
      <button type="submit" class="submit" aria-keyshortcuts="Control+Enter Meta+Enter">
        {submit}
      </button>
    </form>
  );
}
