import { z } from 'zod';
import { apiRoute, created, readBody } from '@/lib/http/api-route';
import { createNoteVersion, listNoteVersions } from '@/lib/notes/note-versions';

const paramsSchema = z.object({ id: z.string().min(1).max(100) });

/** The versions of a session's notes, newest first. */
export const GET = apiRoute<{ id: string }>(async ({ params, actor }) => {
  const { id } = paramsSchema.parse(params);
  return { versions: await listNoteVersions(actor, id) };
});

/** Records the notes as they are now: `{ kind: 'MANUAL', name }`, `{ kind: 'AUTO', reason }` or `{ kind: 'RESTORE', name }`. */
export const POST = apiRoute<{ id: string }>(async ({ req, params, actor }) => {
  const { id } = paramsSchema.parse(params);
  const out = await createNoteVersion(actor, id, await readBody(req));
  return out.version ? created(out) : out;
});
