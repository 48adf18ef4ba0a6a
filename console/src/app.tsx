import type { MeAnswer } from '@tenpoint/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiProblem, api, whenSignedOut } from './api.ts';
import { pendingInvitation } from './pages/invitation.tsx';
import { NameOrganization } from './pages/name-organization.tsx';
import { AccountPage, Loading, Redirect } from './pages/routes-account.tsx';
import { OrganizationPageOf, SitePageOf } from './pages/routes-app.tsx';
import { afterSignIn } from './pages/sign-in.tsx';
import { match, type Route, useRoute } from './router.ts';
import { type Session, SessionContext } from './session.ts';
import { AppShell } from './shell/app-shell.tsx';
import { lastOrganization, lastSite, type OrganizationSites, useAllSites, WorkspaceContext } from './shell/workspace.ts';

export function App() {
  const route = useRoute();
  const [me, setMe] = useState<MeAnswer | null>();
  const [problem, setProblem] = useState<string>();
  const refresh = async () => {
    try {
      setMe(await api.get<MeAnswer>('/v1/me'));
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) setMe(null);
      else setProblem((error as Error).message);
    }
  };
  useEffect(() => {
    whenSignedOut(() => setMe(null));
    void refresh();
  }, []);
  const session = useMemo<Session>(() => ({ me: me ?? null, setMe, refresh }), [me]);
  return (
    <SessionContext.Provider value={session}>
      <Pages route={route} me={me} problem={problem} />
    </SessionContext.Provider>
  );
}

const signedOutOnly = ['/sign-in', '/sign-up', '/forgot-password'];

function Pages({ route, me, problem }: { route: Route; me: MeAnswer | null | undefined; problem: string | undefined }) {
  const { path, query } = route;
  // The links from emails work whoever is signed in, before the console knows who that is.
  const account = AccountPage({ path, query, signedIn: !!me, known: me !== undefined });
  if (account) return account;
  if (me === undefined) return <Loading problem={problem} />;
  if (!me) {
    const next = path === '/' ? '' : `?next=${encodeURIComponent(path)}`;
    return <Redirect to={`/sign-in${next}`} />;
  }
  if (signedOutOnly.includes(path)) return <Redirect to={afterSignIn(query.get('next'))} />;
  // An invitation opened before signing up or in comes first, even before naming an organization.
  const invitation = pendingInvitation.get();
  if (invitation && path === '/') return <Redirect to={`/invitation/${invitation}`} />;
  if (me.organizations.length === 0 || path === '/organizations/new') return <NameOrganization />;
  return <SignedIn me={me} path={path} />;
}

/** Where the console opens: the site last worked on, else the last organization's first site. */
function homeOf(all: OrganizationSites[]): string {
  const home = all.find((entry) => entry.organization.id === lastOrganization.get()) ?? all[0]!;
  const site = home.sites.find((each) => each.id === lastSite.get()) ?? home.sites[0];
  return site ? `/sites/${site.id}/dashboard` : `/organizations/${home.organization.id}/sites`;
}

function SignedIn({ me, path }: { me: MeAnswer; path: string }) {
  const all = useAllSites(me);
  if (!all.data) return <Loading problem={all.error} />;
  const siteRoute = match('/sites/:siteId/:page', path);
  const organizationRoute = match('/organizations/:organizationId/:page', path);
  const entry = siteRoute
    ? all.data.find((each) => each.sites.some((site) => site.id === siteRoute.siteId))
    : all.data.find((each) => each.organization.id === organizationRoute?.organizationId);
  if (!entry) return <Redirect to={homeOf(all.data)} />;
  lastOrganization.set(entry.organization.id);
  // On an organization's pages the site last worked on stays in the switcher and the navigation.
  const siteId = siteRoute?.siteId ?? lastSite.get();
  const site = entry.sites.find((each) => each.id === siteId) ?? (siteRoute ? undefined : entry.sites[0]);
  if (site) lastSite.set(site.id);
  const workspace = { organization: entry.organization, role: entry.organization.role, sites: entry.sites, site, reloadSites: all.reload };
  const page = siteRoute ? <SitePageOf page={siteRoute.page!} /> : <OrganizationPageOf page={organizationRoute!.page!} />;
  return (
    <WorkspaceContext.Provider value={workspace}>
      <AppShell workspace={workspace} all={all.data} path={path}>
        {page}
      </AppShell>
    </WorkspaceContext.Provider>
  );
}
