import { z } from 'zod';
import { exportEventMarkdown } from '@/lib/export/export-event-markdown';
import { queryOf } from '@/lib/export/export-options';
import { apiRoute } from '@/lib/http/api-route';
import { markdownResponse } from '@/lib/http/markdown-response';

const paramsSchema = z.object({ slug: z.string().min(1).max(100) });

/** The event's notes as one Markdown file: ?format=gist|jekyll&attribution=none&sessions=id,id&download=1 */
export const GET = apiRoute<{ slug: string }>(async ({ req, params, actor }) => {
  const { slug } = paramsSchema.parse(params);
  const query = queryOf(req.url);
  const out = await exportEventMarkdown({ actor, slug, query });
  return markdownResponse(out, query.download === '1');
});
