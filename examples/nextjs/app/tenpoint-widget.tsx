'use client';

import type { TenpointUser } from '@tenpoint/widget';
import { useTenpoint } from '@tenpoint/widget/react';
import { usePathname, useSearchParams } from 'next/navigation';
import { useState } from 'react';

/** Loads the survey widget in the browser and asks again on each route change; renders the sign-out button. */
export function TenpointWidget({ apiUrl, siteKey }: { apiUrl: string; siteKey: string }) {
  // A stand-in for your sign-in: `?user=u_123` signs u_123 in, so that a test can pick its user.
  const [userId, setUserId] = useState(useSearchParams().get('user'));
  const user: TenpointUser | null = userId ? { userId, email: `${userId}@example.com`, traits: { plan: 'pro' } } : null;

  useTenpoint({ siteKey, apiUrl, user, route: usePathname() });

  return userId ? (
    <button type="button" onClick={() => setUserId(null)}>
      Sign out {userId}
    </button>
  ) : null;
}
