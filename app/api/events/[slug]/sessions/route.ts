import { apiRoute, created, readBody } from '@/lib/http/api-route';
import { listSessions, proposeSession } from '@/lib/sessions/sessions';

type P = { slug: string };

export const GET = apiRoute<P>(async ({ params, actor }) => ({ sessions: await listSessions(actor, params.slug) }));
export const POST = apiRoute<P>(async ({ req, params, actor }) =>
  created(await proposeSession(actor, params.slug, await readBody(req))),
);
