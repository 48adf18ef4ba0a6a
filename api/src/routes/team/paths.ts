import { z } from '@hono/zod-openapi';

const id = (description: string) => z.string().meta({ description, examples: ['3f1c6a52-1f9e-4f7a-9f43-2b8d2a4c5e61'] });

export const organizationPath = z.object({ organizationId: id('The organization id.') });
export const memberPath = organizationPath.extend({ memberId: id('The member id (not the user id).') });
export const organizationInvitationPath = organizationPath.extend({ invitationId: id('The invitation id.') });
export const invitationPath = z.object({ invitationId: id('The invitation id (from the link in its email).') });
