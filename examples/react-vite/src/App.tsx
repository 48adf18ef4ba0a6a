import { on, type TenpointUser } from '@tenpoint/widget';
import { useTenpoint } from '@tenpoint/widget/react';
import { useEffect, useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { signedInUser } from './signed-in-user.ts';

export function App() {
  const location = useLocation();
  const [user, setUser] = useState<TenpointUser | null>(signedInUser);
  const [thanks, setThanks] = useState('');

  useTenpoint({
    siteKey: import.meta.env.VITE_TENPOINT_SITE_KEY,
    apiUrl: import.meta.env.VITE_TENPOINT_API_URL,
    user,
    route: location.pathname,
  });
  useEffect(() => on('response', ({ score, category }) => setThanks(`Thanks for your ${score} (${category})`)), []);

  return (
    <>
      <nav>
        <Link to="/">Dashboard</Link>
        <Link to="/invoices">Invoices</Link>
        <Link to="/settings">Settings</Link>
        {user && (
          <button type="button" onClick={() => setUser(null)}>
            Sign out {user.userId}
          </button>
        )}
      </nav>
      <main>
        <Routes>
          <Route path="/" element={<h1>Dashboard</h1>} />
          <Route path="/invoices" element={<h1>Invoices</h1>} />
          <Route path="/settings" element={<h1>Settings</h1>} />
        </Routes>
        <p role="status">{thanks}</p>
      </main>
    </>
  );
}
