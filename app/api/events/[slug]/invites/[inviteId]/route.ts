import { apiRoute } from '@/lib/http/api-route';
import { revokeInvite } from '@/lib/invites/create-invite';

export const DELETE = apiRoute<{ slug: string; inviteId: string }>(async ({ params, actor }) => {
  await revokeInvite(actor, params.slug, params.inviteId);
  return new Response(null, { status: 204 });
});
