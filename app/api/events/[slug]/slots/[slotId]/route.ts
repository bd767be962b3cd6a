import { apiRoute, readBody } from '@/lib/http/api-route';
import { deleteSlot, getSlot, updateSlot } from '@/lib/slots/slots';

type P = { slug: string; slotId: string };

export const GET = apiRoute<P>(async ({ params, actor }) => getSlot(actor, params.slug, params.slotId));
export const PATCH = apiRoute<P>(async ({ req, params, actor }) =>
  updateSlot(actor, params.slug, params.slotId, await readBody(req)),
);
export const DELETE = apiRoute<P>(async ({ params, actor }) => {
  await deleteSlot(actor, params.slug, params.slotId);
  return new Response(null, { status: 204 });
});
