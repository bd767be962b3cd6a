import { z } from 'zod';
import { queryOf } from '@/lib/export/export-options';
import { apiRoute } from '@/lib/http/api-route';
import { MAX_SESSION_IMPORT_BYTES, readMarkdownBody } from '@/lib/notes/import-limits';
import { importSessionNotes } from '@/lib/notes/import-session-notes';

const paramsSchema = z.object({ id: z.string().min(1).max(100) });

/** Replaces the notes with the Markdown body (Content-Type: text/markdown); ?mode=append appends. */
export const PUT = apiRoute<{ id: string }>(async ({ req, params, actor }) => {
  const { id } = paramsSchema.parse(params);
  const readMarkdown = () => readMarkdownBody(req, MAX_SESSION_IMPORT_BYTES);
  return importSessionNotes({ actor, sessionId: id, readMarkdown, query: queryOf(req.url) });
});
