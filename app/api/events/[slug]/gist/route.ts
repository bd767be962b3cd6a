import { z } from 'zod';
import { apiRoute, readBody } from '@/lib/http/api-route';
import { publishNotesGist } from '@/lib/github/publish-notes-gist';

const paramsSchema = z.object({ slug: z.string().min(1).max(100) });

/** Publishes (or updates) the event's notes as a gist of the caller's GitHub account. */
export const POST = apiRoute<{ slug: string }>(async ({ req, params, actor }) => {
  const { slug } = paramsSchema.parse(params);
  return publishNotesGist({ actor, target: { kind: 'event', slug }, input: await readBody(req) });
});
