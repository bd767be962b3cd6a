import { apiRoute, created, readBody } from '@/lib/http/api-route';
import { createSlot, listSlots } from '@/lib/slots/slots';

type P = { slug: string };

export const GET = apiRoute<P>(async ({ params, actor }) => ({ slots: await listSlots(actor, params.slug) }));
export const POST = apiRoute<P>(async ({ req, params, actor }) =>
  created(await createSlot(actor, params.slug, await readBody(req))),
);
