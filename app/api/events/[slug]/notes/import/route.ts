import { z } from 'zod';
import { queryOf } from '@/lib/export/export-options';
import { apiRoute } from '@/lib/http/api-route';
import { importEventNotes } from '@/lib/notes/import-event-notes';
import { MAX_EVENT_IMPORT_BYTES, readMarkdownBody } from '@/lib/notes/import-limits';

const paramsSchema = z.object({ slug: z.string().min(1).max(100) });

/** Imports a whole event's notes file (text/markdown, one `##` section per session); organisers only. */
export const POST = apiRoute<{ slug: string }>(async ({ req, params, actor }) => {
  const { slug } = paramsSchema.parse(params);
  const readMarkdown = () => readMarkdownBody(req, MAX_EVENT_IMPORT_BYTES);
  return importEventNotes({ actor, slug, readMarkdown, query: queryOf(req.url) });
});
