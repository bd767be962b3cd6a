import { apiRoute, readBody } from '@/lib/http/api-route';
import { changeMemberRole, removeMember } from '@/lib/events/members';

type P = { slug: string; userId: string };

export const PATCH = apiRoute<P>(async ({ req, params, actor }) => {
  await changeMemberRole(actor, params.slug, params.userId, await readBody(req));
  return new Response(null, { status: 204 });
});
export const DELETE = apiRoute<P>(async ({ params, actor }) => {
  await removeMember(actor, params.slug, params.userId);
  return new Response(null, { status: 204 });
});
