import type { Db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { sessionIdFromDocName } from '@/lib/notes/doc-name';
import { takeAutoNoteVersion, type AutoVersionReason } from '@/lib/notes/take-auto-note-version';
import type { CollabHooks } from './hooks';

const log = logger.child({ component: 'collab-auto-versions' });

interface Tracked {
  /** First stored edit by this node's clients since this node last took (or was refused) a version. */
  firstEditAt: number | null;
  slotEndsAt: Date | null;
  slotCheckedAt: number;
  slotEndDone: boolean;
}

/**
 * Automatic versions, taken by the server from its own copy (not asked for by browsers): every
 * `everyMs` while a document is being edited, and once at the end of its session's slot. The node
 * whose clients edited a document takes them; takeAutoNoteVersion makes one version however many
 * nodes ask at once, and none when nothing changed.
 */
export function autoVersionsHook(opts: { db: Db; everyMs: number; checkMs: number }): CollabHooks {
  const tracked = new Map<string, Tracked>();
  let busy: Promise<void> | null = null;

  /**
   * The slot can be moved on the board: looked up again now and then, for every tracked document
   * due at once in one query (hundreds of documents edited at once used to cost a query each).
   */
  async function refreshSlotEnds(now: number): Promise<void> {
    const due = new Map<string, Tracked>();
    for (const [docName, t] of tracked) {
      const sessionId = sessionIdFromDocName(docName);
      if (now - t.slotCheckedAt < 60_000) continue;
      t.slotCheckedAt = now;
      t.slotEndsAt = null;
      if (sessionId) due.set(sessionId, t);
    }
    const ids = [...due.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const sessions = await opts.db.session.findMany({
        where: { id: { in: ids.slice(i, i + 500) } },
        select: { id: true, slot: { select: { endsAt: true } } },
      });
      for (const s of sessions) due.get(s.id)!.slotEndsAt = s.slot?.endsAt ?? null;
    }
  }

  async function take(docName: string, reason: AutoVersionReason, slotEndsAt: Date | null): Promise<void> {
    const result = await takeAutoNoteVersion({ docName, reason, slotEndsAt });
    log.debug({ doc: docName, reason, result: result.skipped ?? 'taken' }, 'automatic version');
  }

  async function pass(): Promise<void> {
    const now = Date.now();
    try {
      await refreshSlotEnds(now);
    } catch (err) {
      log.warn({ err }, 'looking up slot ends failed; trying again later');
      for (const t of tracked.values()) t.slotCheckedAt = 0;
      return;
    }
    for (const [docName, t] of tracked) {
      try {
        const endsAt = t.slotEndsAt;
        if (endsAt && now >= endsAt.getTime() && !t.slotEndDone) {
          t.slotEndDone = true;
          t.firstEditAt = null;
          await take(docName, 'slot-end', endsAt);
        } else if (t.firstEditAt !== null && now - t.firstEditAt >= opts.everyMs) {
          t.firstEditAt = null;
          await take(docName, 'interval', null);
        }
        // Kept while its slot's end is still to come, so that version is taken even without new edits.
        if (t.firstEditAt === null && (t.slotEndDone || !endsAt || now >= endsAt.getTime())) tracked.delete(docName);
      } catch (err) {
        log.warn({ err, doc: docName }, 'automatic version failed; trying again later');
      }
    }
  }

  const timer = setInterval(() => {
    busy ??= pass().finally(() => {
      busy = null;
    });
  }, opts.checkMs);
  timer.unref();

  return {
    // Counted once stored, so a version always holds the edits that earned it; only the node whose
    // clients sent them stores them.
    onStoreDocument({ docName }) {
      const t = tracked.get(docName);
      // Edits after the slot's end (a session that overran) are kept by the periodic versions.
      if (!t) tracked.set(docName, { firstEditAt: Date.now(), slotEndsAt: null, slotCheckedAt: 0, slotEndDone: false });
      else t.firstEditAt ??= Date.now();
    },
    async onDestroy() {
      clearInterval(timer);
      await busy;
    },
  };
}
