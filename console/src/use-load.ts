import { useEffect, useState } from 'preact/hooks';

/** Loads `load()` whenever `inputs` change; a slower earlier answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, inputs: unknown[]): { data?: T; error?: string; loading: boolean } {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: Error) => current && setState({ error: error.message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, inputs);
  return state;
}
