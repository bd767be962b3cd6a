import { z } from 'zod';
import { editThroughCollab } from '@/lib/collab/edit-through-collab';
import { markdownToJSON } from '@/lib/editor/import-notes';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { loadSessionAccess } from '@/lib/sessions/session-access';
import { docNameForSession } from './doc-name';
import { writeNotesInto } from './write-notes';

export const importModeSchema = z.object({ mode: z.enum(['replace', 'append']).default('replace') }).strict();

/**
 * Replaces (or appends to) a session's notes with Markdown, through the collaboration server so
 * everyone in the document sees it at once. Members who may edit the notes only.
 */
export async function importSessionNotes(opts: {
  actor: Actor | null;
  sessionId: string;
  readMarkdown: () => Promise<string>;
  query: unknown;
}): Promise<{ sessionId: string; mode: 'replace' | 'append' }> {
  const { mode } = importModeSchema.parse(opts.query);
  const access = await loadSessionAccess(opts.actor, opts.sessionId);
  if (!access.canReadNotes) throw new AppError('not_found', 'Session not found');
  if (!opts.actor) throw new AppError('unauthenticated', 'Sign in first');
  if (!access.canEditNotes) throw new AppError('forbidden', 'Join this event to write its notes');
  // The body is read only once the caller is known to be allowed to send it.
  const notes = markdownToJSON(await opts.readMarkdown());
  await editThroughCollab({
    docName: docNameForSession(opts.sessionId),
    userId: opts.actor.userId,
    edit: (doc) => writeNotesInto(doc, notes, mode),
  });
  return { sessionId: opts.sessionId, mode };
}
