import { z } from 'zod';
import { exportSessionMarkdown } from '@/lib/export/export-session-markdown';
import { queryOf } from '@/lib/export/export-options';
import { apiRoute } from '@/lib/http/api-route';
import { markdownResponse } from '@/lib/http/markdown-response';

const paramsSchema = z.object({ id: z.string().min(1).max(100) });

/** One session's notes as Markdown: ?format=gist|jekyll&attribution=none&download=1 */
export const GET = apiRoute<{ id: string }>(async ({ req, params, actor }) => {
  const { id } = paramsSchema.parse(params);
  const query = queryOf(req.url);
  const out = await exportSessionMarkdown({ actor, sessionId: id, query });
  return markdownResponse(out, query.download === '1');
});
