import { apiRoute, readBody } from '@/lib/http/api-route';
import { castVote } from '@/lib/sessions/cast-vote';

export const PUT = apiRoute<{ id: string }>(async ({ req, params, actor }) =>
  castVote(actor, params.id, await readBody(req)),
);
