import { z } from 'zod';
import { apiRoute, readBody } from '@/lib/http/api-route';
import { publishNotesGist } from '@/lib/github/publish-notes-gist';

const paramsSchema = z.object({ id: z.string().min(1).max(100) });

/** Publishes (or updates) one session's notes as a gist of the caller's GitHub account. */
export const POST = apiRoute<{ id: string }>(async ({ req, params, actor }) => {
  const { id } = paramsSchema.parse(params);
  const input = (await readBody(req)) as Record<string, unknown>;
  return publishNotesGist({ actor, target: { kind: 'session', sessionId: id }, input });
});
