import { apiRoute, readBody } from '@/lib/http/api-route';
import { deleteRoom, getRoom, updateRoom } from '@/lib/rooms/rooms';

type P = { slug: string; roomId: string };

export const GET = apiRoute<P>(async ({ params, actor }) => getRoom(actor, params.slug, params.roomId));
export const PATCH = apiRoute<P>(async ({ req, params, actor }) =>
  updateRoom(actor, params.slug, params.roomId, await readBody(req)),
);
export const DELETE = apiRoute<P>(async ({ params, actor }) => {
  await deleteRoom(actor, params.slug, params.roomId);
  return new Response(null, { status: 204 });
});
