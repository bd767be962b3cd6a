import type { Db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { sessionIdFromDocName } from '@/lib/notes/doc-name';
import type { CollabHooks } from './hooks';

const log = logger.child({ component: 'collab-notes-renditions' });

/**
 * Keeps each session document's export rendition (lib/export/notes-renditions.ts) current, so an
 * export, even the first after a restart, reads Markdown instead of converting every document.
 * A document is rendered from what is stored once its edits pause for `quietMs`, and at least
 * every `maxWaitMs` while they go on (renditions made mid-session are soon outdated; an export
 * renders a missing one itself): a few milliseconds of work per document now and then, off
 * the path of edits. Only the node that stored the edits renders them.
 */
export function notesRenditionsHook(opts: { db: Db; quietMs?: number; maxWaitMs?: number }): CollabHooks & {
  /** Resolves when nothing is waiting or being rendered (tests). */
  settled(): Promise<void>;
} {
  const quietMs = opts.quietMs ?? 2000;
  const maxWaitMs = opts.maxWaitMs ?? 300_000;
  const waiting = new Map<string, { firstAt: number; timer: NodeJS.Timeout }>();
  const due = new Set<string>();
  let busy: Promise<void> | null = null;
  let closed = false;

  function run(): void {
    busy ??= (async () => {
      while (due.size > 0 && !closed) {
        const names = [...due];
        due.clear();
        try {
          // Loaded on first use: the Markdown serializer stays out of the collab server's start-up.
          const { renderStoredNotes } = await import('@/lib/export/notes-renditions');
          await renderStoredNotes(names, opts.db);
        } catch (err) {
          // The export renders what is missing itself; nothing is lost but time.
          log.warn({ err, docs: names.length }, 'rendering notes for export failed');
        }
      }
    })().finally(() => {
      busy = null;
    });
  }

  return {
    onStoreDocument({ docName }) {
      if (closed || !sessionIdFromDocName(docName)) return;
      const now = Date.now();
      const w = waiting.get(docName);
      if (w) clearTimeout(w.timer);
      const firstAt = w?.firstAt ?? now;
      const timer = setTimeout(
        () => {
          waiting.delete(docName);
          due.add(docName);
          run();
        },
        Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now)),
      );
      timer.unref();
      waiting.set(docName, { firstAt, timer });
    },
    async settled() {
      while (waiting.size > 0 || due.size > 0 || busy) {
        if (busy) await busy;
        else await new Promise((r) => setTimeout(r, 10));
      }
    },
    async onDestroy() {
      closed = true;
      for (const w of waiting.values()) clearTimeout(w.timer);
      waiting.clear();
      due.clear();
      await busy;
    },
  };
}
