import { AppError } from '@/lib/errors';
import { assertCan, loadEventAccess } from '@/lib/events/event-access';
import type { Actor } from '@/lib/policies';
import { toDateOnly } from '@/lib/time';
import { exportQuerySchema } from './export-options';
import { loadExportSessions } from './load-export-sessions';
import { notesApprovals } from './notes-approval';
import { eventDocument, sessionSection, type ExportSession } from './markdown-document';

export interface MarkdownExport {
  filename: string;
  markdown: string;
  sessions: Pick<ExportSession, 'id' | 'title'>[];
  /** With `sessionFiles`: each session on its own, as its own export writes it (for gists). */
  sessionFiles?: string[];
}

/**
 * An event's notes as one Markdown document (gist or Jekyll post), for whoever may read the
 * notes: members, and anyone for public and unlisted events. Private events: 404 to outsiders.
 * When the event requires hosts' approval, only approved sessions are included.
 */
export async function exportEventMarkdown(opts: {
  actor: Actor | null;
  slug: string;
  query: unknown;
  sessionFiles?: boolean;
}): Promise<MarkdownExport> {
  const access = await loadEventAccess(opts.actor, { slug: opts.slug });
  assertCan(access, 'notes.read');
  const q = exportQuerySchema.parse(opts.query);
  const { event } = access;
  let sessions = await loadExportSessions(event, q.sessions);
  if (q.sessions && sessions.length === 0)
    throw new AppError('not_found', 'None of those sessions is in this event', 'sessions');
  if (access.settings.requireNotesApproval) {
    // Publish with consent: only notes a host approved leave the event.
    const approved = await notesApprovals(event.id);
    sessions = sessions.filter((s) => approved.has(s.id));
  }
  const days = Math.round((event.endDate.getTime() - event.startDate.getTime()) / 86_400_000) + 1;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `Notes from ${plural(sessions.length, 'session')} of ${event.title} (${plural(days, 'day')}).`;
  const options = { format: q.format, attribution: q.attribution === 'full' };
  const markdown = eventDocument(
    { title: event.title, startDate: toDateOnly(event.startDate), summary, sessions },
    options,
  );
  const filename =
    q.format === 'jekyll' ? `${toDateOnly(event.startDate)}-${event.slug}-notes.md` : `${event.slug}-notes.md`;
  const sessionFiles = opts.sessionFiles
    ? sessions.map((s) => sessionSection(s, 1, { ...options, format: 'gist' }) + '\n')
    : undefined;
  return { filename, markdown, sessions: sessions.map((s) => ({ id: s.id, title: s.title })), sessionFiles };
}
