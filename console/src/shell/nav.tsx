import { can } from '../roles.ts';
import { href } from '../router.ts';
import type { Workspace } from './workspace.ts';

export const sitePages = [
  ['dashboard', 'Dashboard'],
  ['inbox', 'Inbox'],
  ['surveys', 'Surveys'],
  ['people', 'People'],
  ['install', 'Install'],
  ['settings', 'Settings'],
  ['keys', 'Keys'],
  ['webhooks', 'Webhooks'],
  ['alerts', 'Alerts'],
] as const;
export type SitePage = (typeof sitePages)[number][0];

export const organizationPages = [
  ['sites', 'Sites'],
  ['team', 'Team'],
  ['audit-log', 'Audit log'],
  ['outbox', 'Outbox'],
  ['notifications', 'Your notifications'],
] as const;
export type OrganizationPage = (typeof organizationPages)[number][0];

function NavLink({ to, current, label }: { to: string; current: string; label: string }) {
  return (
    <li>
      <a href={href(to)} aria-current={current === to ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
}

/** The console's navigation: the current site's pages, then the organization's. */
export function Nav({ workspace, path }: { workspace: Workspace; path: string }) {
  const { site, organization, role } = workspace;
  return (
    <nav class="shell-nav" aria-label="Console">
      {site && (
        <ul aria-label={`Site ${site.name}`}>
          {sitePages.map(([page, label]) => (
            <NavLink key={page} to={`/sites/${site.id}/${page}`} current={path} label={label} />
          ))}
        </ul>
      )}
      <ul aria-label={`Organization ${organization.name}`}>
        {organizationPages
          .filter(([page]) => (page === 'outbox' ? can.own(role) : page === 'audit-log' ? can.manage(role) : true))
          .map(([page, label]) => (
            <NavLink key={page} to={`/organizations/${organization.id}/${page}`} current={path} label={label} />
          ))}
      </ul>
    </nav>
  );
}
