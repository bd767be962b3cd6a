import { db } from '@/lib/db';
import { retryOnConflict } from '@/lib/db-errors';
import { yStateToJSON } from '@/lib/editor/convert';
import { loadNotesState } from './load-notes-state';
import { NOTE_VERSION_SELECT, type NoteVersionRow } from './note-version-row';

/** Automatic versions closer together than this are skipped unless the slot just ended. */
export const AUTO_SNAPSHOT_MIN_GAP_MS = 9 * 60_000;

export type AutoVersionReason = 'interval' | 'slot-end' | 'leave';
export type AutoVersionSkip = 'empty' | 'unchanged' | 'too_soon' | 'taken';

/**
 * Records the notes as the server holds them as an automatic version, unless they are empty,
 * unchanged since the last version, the last automatic one is recent (except at the slot's end),
 * or, at the slot's end, one was already taken since it ended. The checks and the insert run in
 * one serializable transaction (retried when it loses a race), so collab nodes and browsers asking
 * at the same moment make one version. Authorization is the caller's (the collab server, or
 * createNoteVersion for a member).
 */
export type AutoVersionResult =
  { version: NoteVersionRow; skipped?: undefined } | { version?: undefined; skipped: AutoVersionSkip };

export async function takeAutoNoteVersion(opts: {
  docName: string;
  reason: AutoVersionReason;
  createdById?: string | null;
  slotEndsAt?: Date | null;
}): Promise<AutoVersionResult> {
  const { docName, reason } = opts;
  const state = await loadNotesState(docName);
  const content = JSON.stringify(yStateToJSON(state));
  const text = content.replace(/"attrs":\{[^}]*\}/g, '');
  if (!/"text":"[^"]/.test(text)) return { skipped: 'empty' };
  return retryOnConflict(
    () =>
      db.$transaction(
        async (tx): Promise<AutoVersionResult> => {
          if (reason === 'slot-end' && opts.slotEndsAt) {
            const taken = await tx.noteVersion.findFirst({
              where: { docName, kind: 'AUTO', createdAt: { gte: opts.slotEndsAt } },
              select: { id: true },
            });
            if (taken) return { skipped: 'taken' };
          }
          const last = await tx.noteVersion.findFirst({
            where: { docName },
            orderBy: { createdAt: 'desc' },
            select: { data: true },
          });
          if (last && JSON.stringify(yStateToJSON(new Uint8Array(last.data))) === content)
            return { skipped: 'unchanged' };
          const lastAuto = await tx.noteVersion.findFirst({
            where: { docName, kind: 'AUTO' },
            orderBy: { createdAt: 'desc' },
            select: { createdAt: true },
          });
          if (
            reason !== 'slot-end' &&
            lastAuto &&
            Date.now() - lastAuto.createdAt.getTime() < AUTO_SNAPSHOT_MIN_GAP_MS
          ) {
            return { skipped: 'too_soon' };
          }
          const row = await tx.noteVersion.create({
            data: {
              docName,
              kind: 'AUTO',
              name: null,
              data: new Uint8Array(state),
              createdById: opts.createdById ?? null,
            },
            select: NOTE_VERSION_SELECT,
          });
          return { version: row };
        },
        { isolationLevel: 'Serializable', maxWait: 10_000, timeout: 20_000 },
      ),
    // Every contender but one fails its first try at the same moment (PostgreSQL serialization).
    12,
  );
}
