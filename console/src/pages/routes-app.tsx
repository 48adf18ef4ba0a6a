import { useWorkspace } from '../shell/workspace.ts';
import { PageTitle } from '../ui/page-title.tsx';
import { Alerts } from './alerts/alerts.tsx';
import { AuditLog } from './audit-log.tsx';
import { Dashboard } from './dashboard.tsx';
import { Inbox } from './inbox/inbox.tsx';
import { Install } from './install.tsx';
import { Keys } from './keys.tsx';
import { Notifications } from './notifications.tsx';
import { Outbox } from './outbox.tsx';
import { People } from './people/people.tsx';
import { SiteSettings } from './site-settings.tsx';
import { Sites } from './sites.tsx';
import { Surveys } from './surveys/surveys-list.tsx';
import { Team } from './team.tsx';
import { Webhooks } from './webhooks.tsx';

function NotFound() {
  return (
    <>
      <PageTitle title="Not found">This page does not exist</PageTitle>
      <p>Choose a page in the navigation.</p>
    </>
  );
}

/** The page of a site the address names. */
export function SitePageOf({ page }: { page: string }) {
  const { site } = useWorkspace();
  if (!site) return <NotFound />;
  // Keyed by site: a page's state never carries over to another site.
  if (page === 'dashboard') return <Dashboard key={site.id} site={site} />;
  if (page === 'inbox') return <Inbox key={site.id} site={site} />;
  if (page === 'surveys') return <Surveys key={site.id} site={site} />;
  if (page === 'install') return <Install key={site.id} site={site} />;
  if (page === 'settings') return <SiteSettings key={site.id} site={site} />;
  if (page === 'keys') return <Keys key={site.id} site={site} />;
  if (page === 'webhooks') return <Webhooks key={site.id} site={site} />;
  if (page === 'people') return <People key={site.id} site={site} />;
  if (page === 'alerts') return <Alerts key={site.id} site={site} />;
  return <NotFound />;
}

/** The page of the organization the address names. */
export function OrganizationPageOf({ page }: { page: string }) {
  const { organization } = useWorkspace();
  if (page === 'sites') return <Sites key={organization.id} />;
  if (page === 'team') return <Team key={organization.id} />;
  if (page === 'audit-log') return <AuditLog key={organization.id} />;
  if (page === 'outbox') return <Outbox key={organization.id} />;
  if (page === 'notifications') return <Notifications key={organization.id} />;
  return <NotFound />;
}
