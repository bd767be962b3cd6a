import { z } from 'zod';
import { setNotesApproval } from '@/lib/export/notes-approval';
import { apiRoute, readBody } from '@/lib/http/api-route';

const paramsSchema = z.object({ id: z.string().min(1).max(100) });

/** `{ approved: true|false }`: a host's consent to the session's notes appearing in the event export. */
export const PUT = apiRoute<{ id: string }>(async ({ req, params, actor }) => {
  const { id } = paramsSchema.parse(params);
  return setNotesApproval({ actor, sessionId: id, input: await readBody(req) });
});
