import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { loadSessionAccess } from '@/lib/sessions/session-access';
import { toDateOnly } from '@/lib/time';
import type { MarkdownExport } from './export-event-markdown';
import { exportQuerySchema } from './export-options';
import { loadExportSessions } from './load-export-sessions';
import { sessionDocument } from './markdown-document';

/** One session's notes as Markdown; same permissions as reading the notes (404 otherwise). */
export async function exportSessionMarkdown(opts: {
  actor: Actor | null;
  sessionId: string;
  query: unknown;
}): Promise<MarkdownExport> {
  const access = await loadSessionAccess(opts.actor, opts.sessionId);
  if (!access.canReadNotes) throw new AppError('not_found', 'Session not found');
  const q = exportQuerySchema.omit({ sessions: true }).parse(opts.query);
  const { event } = access.access;
  const [s] = await loadExportSessions(event, [opts.sessionId], { anyStatus: true });
  if (!s) throw new AppError('not_found', 'Session not found');
  const markdown = sessionDocument(s, {
    format: q.format,
    attribution: q.attribution === 'full',
    eventTitle: event.title,
    startDate: toDateOnly(event.startDate),
  });
  const slug =
    s.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'session';
  return { filename: `${event.slug}-${slug}.md`, markdown, sessions: [{ id: s.id, title: s.title }] };
}
