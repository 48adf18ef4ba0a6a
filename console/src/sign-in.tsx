import { useState } from 'preact/hooks';

export function SignIn({ onSignIn }: { onSignIn: (secretKey: string) => void }) {
  const [key, setKey] = useState('');
  const valid = /^sk_[A-Za-z0-9]{10,}$/.test(key.trim());
  return (
    <main class="sign-in">
      <h1>Tenpoint</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) onSignIn(key.trim());
        }}
      >
        <label for="secret-key">Your site's secret key</label>
        <input
          id="secret-key"
          type="password"
          autocomplete="off"
          placeholder="sk_…"
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
        />
        <p class="hint">Kept in this tab only, and forgotten when you close it.</p>
        <button type="submit" disabled={!valid}>
          Sign in
        </button>
      </form>
    </main>
  );
}
