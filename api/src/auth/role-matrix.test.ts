import { randomUUID } from 'node:crypto';
import { memberSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CookieJar, consoleRequest, joinAs, ownerWithSite } from '../../test/console-session.ts';
import { startTestApp, type TestApp } from '../../test/test-app.ts';
import { createSiteKey } from '../sites/site-keys.ts';
import type { Permission } from './roles.ts';

/**
 * What each console and vendor operation needs. Every operation of the OpenAPI document that takes a
 * session or a key must be here: a new one without a declared need fails this test.
 * `signedIn`: any console user; `invitee`: the person an invitation was sent to.
 */
const needs: Record<string, Permission | 'signedIn' | 'invitee'> = {
  listResponses: 'read',
  exportResponsesCsv: 'export',
  // Imported answers change the site's scores and people, as its settings do.
  importResponses: 'manage',
  getScores: 'read',
  getAccounts: 'read',
  rotateSecretKey: 'read',
  getSite: 'read',
  updateSite: 'manage',
  deleteSite: 'manage',
  addSiteOrigin: 'manage',
  removeSiteOrigin: 'manage',
  listSurveys: 'read',
  createSurvey: 'manage',
  getSurvey: 'read',
  updateSurvey: 'manage',
  duplicateSurvey: 'manage',
  deleteSurvey: 'manage',
  exportUserByQuery: 'export',
  eraseUserByQuery: 'manage',
  exportUser: 'export',
  getUserEligibility: 'export',
  getUserEligibilityByQuery: 'export',
  listTraits: 'read',
  eraseUser: 'manage',
  createWebhook: 'manage',
  listWebhooks: 'read',
  getWebhook: 'read',
  updateWebhook: 'manage',
  deleteWebhook: 'manage',
  getWebhookSecret: 'manage',
  rotateWebhookSecret: 'manage',
  testWebhook: 'manage',
  listWebhookDeliveries: 'read',
  retryWebhookDelivery: 'manage',
  // Any member keeps rules of their own (team rules need manage too, checked in alerts/alerts.test.ts).
  listAlertRules: 'read',
  createAlertRule: 'alerts',
  updateAlertRule: 'alerts',
  deleteAlertRule: 'alerts',
  testAlertRule: 'alerts',
  listKeys: 'manage',
  createKey: 'manage',
  revokeKey: 'manage',
  rotateKey: 'manage',
  getSiteAuditLog: 'manage',
  getInstallCheck: 'read',
  getIdentitySecret: 'manage',
  renewIdentitySecret: 'manage',
  getMe: 'signedIn',
  createOrganization: 'signedIn',
  listMembers: 'read',
  updateMember: 'members',
  removeMember: 'members',
  transferOwnership: 'own',
  deleteOrganization: 'own',
  listInvitations: 'read',
  inviteMember: 'members',
  cancelInvitation: 'members',
  getInvitation: 'invitee',
  acceptInvitation: 'invitee',
  listSites: 'read',
  createSite: 'manage',
  claimSite: 'manage',
  getOrganizationAuditLog: 'manage',
  getEmailOutbox: 'own',
  getResponse: 'read',
  updateFollowUp: 'followUp',
  addNote: 'followUp',
  bulkUpdateFollowUps: 'followUp',
  getInbox: 'read',
  createReply: 'followUp',
  // Each member's own: any role, never a key. The digest's unsubscribe link is public (its token is the credential).
  getMyNotifications: 'read',
  updateMyNotifications: 'read',
  previewMyDigest: 'read',
};

const granted: Record<string, Permission[]> = {
  owner: ['read', 'export', 'followUp', 'manage', 'members', 'own', 'alerts'],
  admin: ['read', 'export', 'followUp', 'manage', 'members', 'alerts'],
  analyst: ['read', 'export', 'followUp', 'alerts'],
  viewer: ['read', 'alerts'],
  'full key': ['read', 'export', 'followUp', 'manage', 'alerts'],
  'read-only key': ['read', 'export'],
};

interface Operation {
  method: string;
  path: string;
  id: string;
  takesKey: boolean;
}

let testApp: TestApp;
let operations: Operation[];
let setup: Awaited<ReturnType<typeof ownerWithSite>>;
const sessions: Record<string, CookieJar> = {};
let ownerMemberId: string;

beforeAll(async () => {
  testApp = await startTestApp();
  const document = (await (await testApp.app.request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, { operationId: string; security?: Record<string, unknown>[] }>>;
  };
  operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).flatMap(([method, operation]) =>
      operation.security?.some((scheme) => 'session' in scheme)
        ? [
            {
              method: method.toUpperCase(),
              path,
              id: operation.operationId,
              takesKey: operation.security.some((scheme) => 'secretKey' in scheme),
            },
          ]
        : [],
    ),
  );
  setup = await ownerWithSite(testApp);
  sessions.owner = setup.owner.jar;
  for (const role of ['admin', 'analyst', 'viewer'] as const)
    sessions[role] = (await joinAs(testApp, setup.owner.jar, setup.organization.id, role)).jar;
  const members = memberSchema.array().parse(
    (
      (await (await consoleRequest(testApp, setup.owner.jar, 'GET', `/v1/organizations/${setup.organization.id}/members`)).json()) as {
        data: unknown;
      }
    ).data,
  );
  ownerMemberId = members.find((member) => member.role === 'owner')!.id;
}, 60_000);
afterAll(() => testApp.close());

/** The path with its ids filled in: ids that name nothing (an allowed caller then gets 404, never 403), the owner as the member. */
const filled = (path: string) =>
  path
    .replace('{organizationId}', setup.organization.id)
    .replace('{memberId}', ownerMemberId)
    .replace(/\{(id|invitationId)\}/, randomUUID())
    .replace('{userId}', 'u_nobody');

async function call(operation: Operation, caller: string): Promise<Response> {
  const body = operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {};
  if (caller.endsWith('key')) {
    // A fresh key for each call: rotating the key of the call must not spoil the next one.
    const { secretKey } = await createSiteKey(testApp.db, {
      siteId: setup.site.id,
      name: `matrix ${randomUUID()}`,
      access: caller === 'full key' ? 'full' : 'read',
      createdBy: null,
    });
    return testApp.app.request(filled(operation.path), {
      method: operation.method,
      headers: { Authorization: `Bearer ${secretKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }
  return consoleRequest(testApp, sessions[caller]!, operation.method, filled(operation.path), body, { 'Tenpoint-Site': setup.site.id });
}

describe('every role and key against every console and vendor endpoint', () => {
  it('declares what each operation needs', () => {
    expect(operations.map((operation) => operation.id).filter((id) => !(id in needs))).toEqual([]);
  });

  it('answers 403, in the one error shape, exactly when the role or key may not', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const need = needs[operation.id]!;
      const callers = Object.keys(granted).filter((caller) => operation.takesKey || !caller.endsWith('key'));
      for (const caller of callers) {
        const response = await call(operation, caller);
        const allowed = need === 'signedIn' || need === 'invitee' || granted[caller]!.includes(need);
        const forbidden = response.status === 403;
        if (forbidden) expect((await response.json()) as object).toMatchObject({ error: { code: 'forbidden' } });
        if (allowed === forbidden || response.status === 401 || response.status >= 500)
          wrong.push(`${operation.method} ${operation.path} as ${caller}: ${response.status}, expected ${allowed ? 'allowed' : '403'}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
