import { auditEventSchema, memberSchema, meSchema } from '@tenpoint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CookieJar, consoleRequest, joinAs, lastLinkTo, ownerWithSite, signedUpMember } from '../../../test/console-session.ts';
import { expectError, expectStatus, getWithKey, startTestApp, type TestApp } from '../../../test/test-app.ts';
import { createSite } from '../../sites/create-site.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp.close());

const site = (siteId: string) => ({ 'Tenpoint-Site': siteId });

describe('an organization and its team', () => {
  it('makes the first person the owner of the organization they create, with a site and its first key', async () => {
    const { owner, organization, site: made, secretKey } = await ownerWithSite(testApp);
    const me = meSchema.parse(await expectStatus(await consoleRequest(testApp, owner.jar, 'GET', '/v1/me'), 200));
    expect(me.organizations).toEqual([expect.objectContaining({ id: organization.id, role: 'owner' })]);
    const sites = await expectStatus(await consoleRequest(testApp, owner.jar, 'GET', `/v1/organizations/${organization.id}/sites`), 200);
    expect(sites).toEqual({ data: [expect.objectContaining({ id: made.id, name: 'Invoicing' })] });
    // The key shown once works for scripts on that site.
    expect(await expectStatus(await getWithKey(testApp, '/v1/site', secretKey), 200)).toMatchObject({ id: made.id });
    // And the session reads the same site by naming it.
    expect(await expectStatus(await consoleRequest(testApp, owner.jar, 'GET', '/v1/site', undefined, site(made.id)), 200)).toMatchObject({
      id: made.id,
    });
  });

  it('invites a viewer by email, who accepts and reads but may change nothing (403 in the one error shape)', async () => {
    const { owner, organization, site: made } = await ownerWithSite(testApp);
    const viewer = await joinAs(testApp, owner.jar, organization.id, 'viewer');
    const link = await lastLinkTo(testApp, viewer.email);
    expect(link.hash).toMatch(/^#\/invitation\//);

    await expectStatus(await consoleRequest(testApp, viewer.jar, 'GET', '/v1/site', undefined, site(made.id)), 200);
    const refused = await consoleRequest(testApp, viewer.jar, 'PATCH', '/v1/site', { testMode: true }, site(made.id));
    expect(await expectError(refused, 403, 'forbidden')).toContain('viewer');
    await expectError(await consoleRequest(testApp, viewer.jar, 'GET', '/v1/responses.csv', undefined, site(made.id)), 403, 'forbidden');
    await expectError(
      await consoleRequest(testApp, viewer.jar, 'POST', `/v1/organizations/${organization.id}/invitations`, {
        email: 'x@acme.test',
        role: 'admin',
      }),
      403,
      'forbidden',
    );
    expect(await expectStatus(await consoleRequest(testApp, owner.jar, 'GET', '/v1/site', undefined, site(made.id)), 200)).toMatchObject({
      testMode: false,
    });
  });

  it('changes roles, removes members (their access ends at once) and hands the organization over', async () => {
    const { owner, organization, site: made } = await ownerWithSite(testApp);
    const analyst = await joinAs(testApp, owner.jar, organization.id, 'analyst');
    const path = `/v1/organizations/${organization.id}/members`;
    const members = z
      .object({ data: z.array(memberSchema) })
      .parse(await expectStatus(await consoleRequest(testApp, owner.jar, 'GET', path), 200));
    const analystMember = members.data.find((member) => member.email === analyst.email)!;
    const ownerMember = members.data.find((member) => member.role === 'owner')!;

    expect((await consoleRequest(testApp, analyst.jar, 'GET', '/v1/responses.csv', undefined, site(made.id))).status).toBe(200);
    await expectError(
      await consoleRequest(testApp, analyst.jar, 'PATCH', `${path}/${ownerMember.id}`, { role: 'viewer' }),
      403,
      'forbidden',
    );
    await expectError(
      await consoleRequest(testApp, owner.jar, 'PATCH', `${path}/${ownerMember.id}`, { role: 'viewer' }),
      400,
      'invalid_request',
    );
    expect(
      await expectStatus(await consoleRequest(testApp, owner.jar, 'PATCH', `${path}/${analystMember.id}`, { role: 'admin' }), 200),
    ).toMatchObject({
      role: 'admin',
    });
    await expectStatus(await consoleRequest(testApp, analyst.jar, 'PATCH', '/v1/site', { testMode: true }, site(made.id)), 200);

    await expectStatus(
      await consoleRequest(testApp, owner.jar, 'POST', `/v1/organizations/${organization.id}/transfer`, { memberId: analystMember.id }),
      204,
    );
    const after = meSchema.parse(await expectStatus(await consoleRequest(testApp, owner.jar, 'GET', '/v1/me'), 200));
    expect(after.organizations[0]?.role).toBe('admin');
    // The new owner removes the old one, whose access ends with the next request.
    await expectStatus(await consoleRequest(testApp, analyst.jar, 'DELETE', `${path}/${ownerMember.id}`), 204);
    await expectError(await consoleRequest(testApp, owner.jar, 'GET', '/v1/site', undefined, site(made.id)), 404, 'not_found');
  });

  it('never shows another organization its sites, members or log, whatever id is named', async () => {
    const mine = await ownerWithSite(testApp);
    const theirs = await ownerWithSite(testApp);
    await expectError(await consoleRequest(testApp, mine.owner.jar, 'GET', '/v1/site', undefined, site(theirs.site.id)), 404, 'not_found');
    for (const path of ['members', 'sites', 'invitations', 'audit-log', 'outbox']) {
      await expectError(
        await consoleRequest(testApp, mine.owner.jar, 'GET', `/v1/organizations/${theirs.organization.id}/${path}`),
        404,
        'not_found',
      );
    }
    await expectError(await consoleRequest(testApp, mine.owner.jar, 'GET', '/v1/site', undefined, site('not-a-uuid')), 404, 'not_found');
    await expectError(await consoleRequest(testApp, mine.owner.jar, 'GET', '/v1/site'), 400, 'invalid_request');
  });

  it('deletes the organization, its sites and their data, only when its owner types its name', async () => {
    const { owner, organization, secretKey } = await ownerWithSite(testApp);
    const path = `/v1/organizations/${organization.id}`;
    await expectError(
      await consoleRequest(testApp, owner.jar, 'DELETE', `${path}?confirm=${encodeURIComponent('wrong')}`),
      400,
      'invalid_request',
    );
    await expectStatus(await getWithKey(testApp, '/v1/site', secretKey), 200);
    await expectStatus(await consoleRequest(testApp, owner.jar, 'DELETE', `${path}?confirm=${encodeURIComponent(organization.name)}`), 204);
    await expectError(await getWithKey(testApp, '/v1/site', secretKey), 401, 'unauthorized');
    expect(meSchema.parse(await expectStatus(await consoleRequest(testApp, owner.jar, 'GET', '/v1/me'), 200)).organizations).toEqual([]);
  });

  it('claims a site made on the command line with its full key, never one of another organization', async () => {
    const { owner, organization } = await ownerWithSite(testApp);
    const cli = await createSite(testApp.db, { name: 'Made on the CLI', origins: [] });
    const claimPath = `/v1/organizations/${organization.id}/sites/claim`;
    expect(
      await expectStatus(await consoleRequest(testApp, owner.jar, 'POST', claimPath, { secretKey: cli.secretKey }), 200),
    ).toMatchObject({
      id: cli.siteId,
    });
    const other = await ownerWithSite(testApp);
    await expectError(
      await consoleRequest(testApp, other.owner.jar, 'POST', `/v1/organizations/${other.organization.id}/sites/claim`, {
        secretKey: cli.secretKey,
      }),
      400,
      'invalid_request',
    );
  });

  it('logs who changed what, with before and after, for admins only', async () => {
    const { owner, organization, site: made } = await ownerWithSite(testApp);
    const viewer = await joinAs(testApp, owner.jar, organization.id, 'viewer');
    await expectStatus(await consoleRequest(testApp, owner.jar, 'PATCH', '/v1/site', { testMode: true }, site(made.id)), 200);
    await expectStatus(
      await consoleRequest(testApp, owner.jar, 'POST', '/v1/site/origins', { origin: 'https://two.example' }, site(made.id)),
      200,
    );
    await expectStatus(
      await consoleRequest(testApp, owner.jar, 'POST', '/v1/keys', { name: 'Nightly export', access: 'read' }, site(made.id)),
      201,
    );
    const log = z
      .object({ data: z.array(auditEventSchema), nextCursor: z.string().nullable() })
      .parse(await expectStatus(await consoleRequest(testApp, owner.jar, 'GET', `/v1/organizations/${organization.id}/audit-log`), 200));
    expect(log.data.map((event) => event.action)).toEqual([
      'key.created',
      'origin.added',
      'site.updated',
      'member.joined',
      'member.invited',
      'site.created',
      'organization.created',
    ]);
    expect(log.data.find((event) => event.action === 'site.updated')).toMatchObject({
      actor: owner.email,
      before: { testMode: false },
      after: { testMode: true },
    });
    await expectError(await consoleRequest(testApp, viewer.jar, 'GET', `/v1/organizations/${organization.id}/audit-log`), 403, 'forbidden');
  });

  it('lets only the invited address see and accept an invitation', async () => {
    const { owner, organization } = await ownerWithSite(testApp);
    const invitee = await signedUpMember(testApp, 'invitee');
    const stranger = await signedUpMember(testApp, 'stranger');
    await expectStatus(
      await consoleRequest(testApp, owner.jar, 'POST', `/v1/organizations/${organization.id}/invitations`, {
        email: invitee.email,
        role: 'viewer',
      }),
      201,
    );
    const invitationId = (await lastLinkTo(testApp, invitee.email)).hash.split('/').at(-1)!;
    await expectError(await consoleRequest(testApp, stranger.jar, 'GET', `/v1/invitations/${invitationId}`), 404, 'not_found');
    await expectError(await consoleRequest(testApp, stranger.jar, 'POST', `/v1/invitations/${invitationId}/accept`), 404, 'not_found');
    await expectError(
      await consoleRequest(testApp, new CookieJar(), 'POST', `/v1/invitations/${invitationId}/accept`),
      401,
      'unauthorized',
    );
    expect(await expectStatus(await consoleRequest(testApp, invitee.jar, 'GET', `/v1/invitations/${invitationId}`), 200)).toMatchObject({
      organizationName: organization.name,
      role: 'viewer',
      status: 'pending',
    });
    await expectStatus(await consoleRequest(testApp, invitee.jar, 'POST', `/v1/invitations/${invitationId}/accept`), 200);
    await expectError(await consoleRequest(testApp, invitee.jar, 'POST', `/v1/invitations/${invitationId}/accept`), 400, 'invalid_request');
  });
});
