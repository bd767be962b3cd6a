import type { JSONContent } from '@tiptap/core';
import { z } from 'zod';
import { db, transaction } from '@/lib/db';
import { yStateToJSON } from '@/lib/editor/convert';
import { env } from '@/lib/env';
import { AppError, forbidden, notFound, unauthenticated } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { loadSessionAccess } from '@/lib/sessions/session-access';
import { docNameForSession } from './doc-name';
import { loadNotesState } from './load-notes-state';
import { takeAutoNoteVersion } from './take-auto-note-version';
import { NOTE_VERSION_SELECT, type NoteVersionKind, type NoteVersionRow } from './note-version-row';

export type { NoteVersionKind } from './note-version-row';

// The history panel's versions. A version is the server's persisted state at that moment (never
// a state a browser claims), so nobody can plant content in history that was not in the notes.

export interface NoteVersionDto {
  id: string;
  kind: NoteVersionKind;
  name: string | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

export const createNoteVersionInput = z
  .object({
    kind: z.enum(['AUTO', 'MANUAL', 'RESTORE']),
    name: z.string().trim().min(1).max(120).optional(),
    /** Why an automatic snapshot was asked for: every 10 minutes of activity, slot end, or leaving. */
    reason: z.enum(['interval', 'slot-end', 'leave']).optional(),
  })
  .strict();

export { AUTO_SNAPSHOT_MIN_GAP_MS } from './take-auto-note-version';

const toDto = (r: NoteVersionRow): NoteVersionDto => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
});

async function access(actor: Actor | null, sessionId: string) {
  const a = await loadSessionAccess(actor, sessionId);
  if (!a.canReadNotes) throw notFound('Session not found');
  return a;
}

/** Versions of a session's notes, newest first; anyone who may read the notes may see the list. */
export async function listNoteVersions(actor: Actor | null, sessionId: string): Promise<NoteVersionDto[]> {
  await access(actor, sessionId);
  const rows = await db.noteVersion.findMany({
    where: { docName: docNameForSession(sessionId) },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: NOTE_VERSION_SELECT,
  });
  return rows.map(toDto);
}

/** One version's content for preview and restore: organisers and the session's hosts only. */
export async function getNoteVersion(
  actor: Actor | null,
  sessionId: string,
  versionId: string,
): Promise<{ version: NoteVersionDto; content: JSONContent }> {
  const a = await access(actor, sessionId);
  if (!actor) throw unauthenticated();
  if (!a.canRestoreNotes) throw forbidden('Only organisers and the session’s hosts can preview and restore versions');
  const row = await db.noteVersion.findFirst({
    where: { id: versionId, docName: docNameForSession(sessionId) },
    select: { ...NOTE_VERSION_SELECT, data: true },
  });
  if (!row) throw notFound('Version not found');
  return { version: toDto(row), content: yStateToJSON(new Uint8Array(row.data)) };
}

/**
 * Records the current notes as a version. MANUAL (named) and AUTO need edit rights; RESTORE
 * (the state just before a restore) needs restore rights. AUTO is skipped when nothing changed
 * since the last version, or when the last automatic one is recent (except at the slot's end).
 */
export async function createNoteVersion(
  actor: Actor | null,
  sessionId: string,
  input: unknown,
): Promise<
  | { version: NoteVersionDto; skipped?: undefined }
  | { version?: undefined; skipped: 'unchanged' | 'too_soon' | 'empty' }
> {
  const { kind, name, reason } = createNoteVersionInput.parse(input);
  const a = await access(actor, sessionId);
  if (!actor) throw unauthenticated();
  if (kind === 'RESTORE' ? !a.canRestoreNotes : !a.canEditNotes) throw forbidden();
  if (kind === 'MANUAL' && !name) throw new AppError('bad_request', 'Give the version a name', 'name');
  const docName = docNameForSession(sessionId);
  if (kind === 'AUTO') {
    const taken = await takeAutoNoteVersion({ docName, reason: reason ?? 'interval', createdById: actor.userId });
    if (taken.skipped) return { skipped: taken.skipped === 'taken' ? 'unchanged' : taken.skipped };
    return { version: toDto(taken.version) };
  }
  const state = await loadNotesState(docName);
  const data = { docName, kind, name: name ?? null, data: new Uint8Array(state), createdById: actor.userId };
  if (kind !== 'MANUAL') return { version: toDto(await db.noteVersion.create({ data, select: NOTE_VERSION_SELECT })) };
  // Named versions are kept for good: one person may keep only so many of one document's.
  const row = await transaction(async (tx) => {
    const mine = await tx.noteVersion.count({ where: { docName, kind: 'MANUAL', createdById: actor.userId } });
    const cap = env().NOTES_NAMED_VERSIONS_PER_USER;
    if (mine >= cap) throw new AppError('conflict', `You already keep ${cap} named versions of these notes`, 'name');
    return tx.noteVersion.create({ data, select: NOTE_VERSION_SELECT });
  });
  return { version: toDto(row) };
}
