import type { ComponentChildren } from 'preact';
import { SignOutButton } from '../pages/sign-out.tsx';
import { navigate } from '../router.ts';
import { useSession } from '../session.ts';
import { Nav, type SitePage, sitePages } from './nav.tsx';
import type { OrganizationSites, Workspace } from './workspace.ts';

interface ShellProps {
  workspace: Workspace;
  all: OrganizationSites[];
  path: string;
  children: ComponentChildren;
}

/** The frame of every page of the app: organization, site switcher, navigation, who is signed in. */
export function AppShell({ workspace, all, path, children }: ShellProps) {
  const { me } = useSession();
  const { organization, sites, site } = workspace;
  const page = (/^\/sites\/[^/]+\/([\w-]+)/.exec(path)?.[1] ?? 'dashboard') as SitePage;
  const samePage = sitePages.some(([name]) => name === page) ? page : 'dashboard';
  return (
    <div class="shell">
      <header class="shell-top">
        <p class="brand">Tenpoint</p>
        {all.length > 1 ? (
          <label class="switcher">
            Organization{' '}
            <select value={organization.id} onChange={(event) => navigate(`/organizations/${event.currentTarget.value}/sites`)}>
              {all.map(({ organization: each }) => (
                <option key={each.id} value={each.id}>
                  {each.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p class="organization-name">{organization.name}</p>
        )}
        {sites.length > 0 && (
          <label class="switcher">
            Site{' '}
            <select
              value={site?.id ?? ''}
              onChange={(event) => event.currentTarget.value && navigate(`/sites/${event.currentTarget.value}/${samePage}`)}
            >
              {!site && <option value="">Choose a site</option>}
              {sites.map((each) => (
                <option key={each.id} value={each.id}>
                  {each.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <p class="who">
          <span class="email">{me?.user.email}</span> <span class="role">({workspace.role})</span>
        </p>
        <SignOutButton />
      </header>
      <Nav workspace={workspace} path={path} />
      <main class="shell-main" id="main">
        {children}
      </main>
    </div>
  );
}
