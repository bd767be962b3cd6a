import type { MarkdownExport } from '@/lib/export/export-event-markdown';

/** A Markdown export as an HTTP response: inline for previews, an attachment with ?download=1. */
export function markdownResponse(out: MarkdownExport, download: boolean): Response {
  const safeName = out.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  return new Response(out.markdown, {
    headers: {
      'content-type': 'text/markdown; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-disposition': `${download ? 'attachment' : 'inline'}; filename="${safeName}"`,
    },
  });
}
