import { apiRoute, created, readBody } from '@/lib/http/api-route';
import { createInvite, listInvites } from '@/lib/invites/create-invite';

type P = { slug: string };

export const GET = apiRoute<P>(async ({ params, actor }) => ({ invites: await listInvites(actor, params.slug) }));

export const POST = apiRoute<P>(async ({ req, params, actor }) =>
  created(await createInvite(actor, params.slug, await readBody(req))),
);
