import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';

export function SignOutButton() {
  const { setMe } = useSession();
  return (
    <button
      type="button"
      class="quiet"
      onClick={async () => {
        await api.delete('/v1/session').catch(() => undefined);
        setMe(null);
        navigate('/sign-in', true);
      }}
    >
      Sign out
    </button>
  );
}
