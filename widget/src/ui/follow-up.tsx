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

  return (
    <form
      class="follow-up"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(comment.trim());
      }}
    >
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
        // Once the on-screen keyboard is up, the box must still be in sight.
        onFocus={() => setTimeout(() => field.current?.scrollIntoView({ block: 'nearest' }), 350)}
      />
      <button type="submit" class="submit">
        {submit}
      </button>
    </form>
  );
}
