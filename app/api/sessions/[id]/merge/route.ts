import { apiRoute, readBody } from '@/lib/http/api-route';
import { mergeSessions } from '@/lib/sessions/merge-sessions';

export const POST = apiRoute<{ id: string }>(async ({ req, params, actor }) =>
  mergeSessions(actor, params.id, await readBody(req)),
);
