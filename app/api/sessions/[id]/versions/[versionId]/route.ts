import { z } from 'zod';
import { apiRoute } from '@/lib/http/api-route';
import { getNoteVersion } from '@/lib/notes/note-versions';

const paramsSchema = z.object({ id: z.string().min(1).max(100), versionId: z.string().min(1).max(100) });

/** One version's content (ProseMirror JSON) for preview and restore. */
export const GET = apiRoute<{ id: string; versionId: string }>(async ({ params, actor }) => {
  const { id, versionId } = paramsSchema.parse(params);
  return getNoteVersion(actor, id, versionId);
});
