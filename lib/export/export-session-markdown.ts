import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { loadSessionAccess, type SessionAccess } from '@/lib/sessions/session-access';
import { toDateOnly } from '@/lib/time';
import type { MarkdownExport } from './export-event-markdown';
import { exportQuerySchema } from './export-options';
import { loadExportSessions } from './load-export-sessions';
import { sessionDocument } from './markdown-document';

/**
 * Publish with consent, for one session: when the event requires hosts' approval, the event export
 * leaves unapproved sessions out, so this route must not hand them out either. Members of the
 * event may still download notes they read in the app anyway; readers from outside (public and
 * unlisted events) and anything published (a gist) get approved notes only.
 */
async function assertApprovedFor(access: SessionAccess, publish: boolean): Promise<void> {
  if (!access.access.settings.requireNotesApproval) return;
  if (!publish && access.access.role) return;
  const approved = await db.notesApproval.findUnique({
    where: { sessionId: access.session.id },
    select: { sessionId: true },
  });
  if (!approved) throw new AppError('forbidden', 'A host has not approved these notes for publication yet');
}

/** One session's notes as Markdown; same permissions as reading the notes (404 otherwise). */
export async function exportSessionMarkdown(opts: {
  actor: Actor | null;
  sessionId: string;
  query: unknown;
  /** For publishing (a gist): approval is required of everyone, members included. */
  publish?: boolean;
}): Promise<MarkdownExport> {
  const access = await loadSessionAccess(opts.actor, opts.sessionId);
  if (!access.canReadNotes) throw new AppError('not_found', 'Session not found');
  const q = exportQuerySchema.omit({ sessions: true }).parse(opts.query);
  await assertApprovedFor(access, opts.publish ?? false);
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
