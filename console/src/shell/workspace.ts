import type { MeAnswer, OrganizationAnswer } from '@tenpoint/shared';
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { Role } from '../roles.ts';
import type { List, Site } from '../types.ts';
import { useLoad } from '../use-load.ts';

export interface OrganizationSites {
  organization: OrganizationAnswer;
  sites: Site[];
}

/** The organization and site a page is about, and the role of the signed-in member there. */
export interface Workspace {
  organization: OrganizationAnswer;
  role: Role;
  sites: Site[];
  site?: Site | undefined;
  /** After a site is made, claimed, renamed or deleted. */
  reloadSites: () => void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('a page of the app is shown outside its shell');
  return workspace;
}

/** The sites of each of the member's organizations, to find a site's organization and fill the site switcher. */
export function useAllSites(me: MeAnswer) {
  const [count, setCount] = useState(0);
  const loaded = useLoad(
    () =>
      Promise.all(
        me.organizations.map(async (organization) => ({
          organization,
          sites: (await api.get<List<Site>>(`/v1/organizations/${organization.id}/sites`)).data,
        })),
      ),
    [me, count],
  );
  return { ...loaded, reload: () => setCount((value) => value + 1) };
}

const lastKey = 'tenpoint:organization';
/** The organization last worked in, to open the console there. */
export const lastOrganization = {
  get: () => localStorage.getItem(lastKey),
  set: (id: string) => localStorage.setItem(lastKey, id),
};

const siteKey = 'tenpoint:site';
/** The site last worked on, to open the console there and keep it on the organization's pages. */
export const lastSite = {
  get: () => localStorage.getItem(siteKey),
  set: (id: string) => localStorage.setItem(siteKey, id),
};
