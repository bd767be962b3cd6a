import { apiRoute, created, readBody } from '@/lib/http/api-route';
import { createRoom, listRooms, reorderRooms } from '@/lib/rooms/rooms';

type P = { slug: string };

export const GET = apiRoute<P>(async ({ params, actor }) => ({ rooms: await listRooms(actor, params.slug) }));
export const POST = apiRoute<P>(async ({ req, params, actor }) =>
  created(await createRoom(actor, params.slug, await readBody(req))),
);
/** Reorders the rooms: `{ order: [roomId, …] }`. */
export const PUT = apiRoute<P>(async ({ req, params, actor }) => ({
  rooms: await reorderRooms(actor, params.slug, await readBody(req)),
}));
