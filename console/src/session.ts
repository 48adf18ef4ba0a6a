import type { MeAnswer } from '@tenpoint/shared';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface Session {
  /** Who is signed in; null when no one is. */
  me: MeAnswer | null;
  /** After signing in, accepting an invitation or making an organization: the API's new answer. */
  setMe: (me: MeAnswer | null) => void;
  /** Asks the API again who is signed in (after a change of organizations). */
  refresh: () => Promise<void>;
}

export const SessionContext = createContext<Session>({ me: null, setMe: () => {}, refresh: async () => {} });
export const useSession = () => useContext(SessionContext);
