import { mergeStoredUpdates, type StoredDoc } from '@/lib/collab/stored-doc';
import { resolveDatabaseTarget } from '@/lib/database-url';
import type { Db } from '@/lib/db';
import { retryOnConflict } from '@/lib/db-errors';
import type { CompactResult, LogWriter } from './log-writer';
import type { CollabMetrics } from './metrics';
import type { UnsavedBuffer } from './unsaved-buffer';

export { loadStoredDoc, type StoredDoc } from '@/lib/collab/stored-doc';

/**
 * Folds a document's log into its snapshot in one transaction. Only the rows it read are deleted,
 * so appends that commit meanwhile stay in the log; the snapshot is replaced only if nobody else
 * replaced it since we read it (two nodes compacting the same document).
 */
export async function compactDoc(db: Db, docName: string): Promise<'compacted' | 'nothing' | 'conflict'> {
  // Losing a race with another SQLite writer aborts the transaction before it changed anything;
  // it is simply run again.
  return retryOnConflict(() => compactOnce(db, docName));
}

async function compactOnce(db: Db, docName: string): Promise<'compacted' | 'nothing' | 'conflict'> {
  try {
    return await db.$transaction(
      async (tx) => {
        // On PostgreSQL the snapshot row is locked before anything is read (as the log writer does):
        // ids can commit out of order, so a compaction that merged only a late row with a smaller id
        // leaves lastUpdateId as it was, and the check below alone would let a compaction that read
        // the snapshot before it overwrite that row's merge. (SQLite serialises writers anyway.)
        if (resolveDatabaseTarget().provider === 'postgresql')
          await tx.$queryRawUnsafe('SELECT 1 FROM "DocSnapshot" WHERE "docName" = $1 FOR UPDATE', docName);
        const rows = await tx.docUpdate.findMany({
          where: { docName },
          orderBy: { id: 'asc' },
          select: { id: true, data: true },
        });
        if (rows.length === 0) return 'nothing' as const;
        const snapshot = await tx.docSnapshot.findUnique({
          where: { docName },
          select: { data: true, lastUpdateId: true },
        });
        const parts = rows.map((r) => new Uint8Array(r.data));
        if (snapshot) parts.unshift(new Uint8Array(snapshot.data));
        const merged = Buffer.from(mergeStoredUpdates(parts));
        const maxId = rows[rows.length - 1]!.id;
        const lastUpdateId = Math.max(maxId, snapshot?.lastUpdateId ?? 0);
        if (snapshot) {
          const res = await tx.docSnapshot.updateMany({
            where: { docName, lastUpdateId: snapshot.lastUpdateId },
            data: { data: merged, lastUpdateId },
          });
          if (res.count !== 1) throw new CompactionConflict();
        } else {
          await tx.docSnapshot.create({ data: { docName, data: merged, lastUpdateId } });
        }
        await tx.docUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        return 'compacted' as const;
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (
      err instanceof CompactionConflict ||
      (typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002')
    )
      return 'conflict';
    throw err;
  }
}

class CompactionConflict extends Error {}

interface PendingDoc {
  updates: Uint8Array[];
  arrivals: number[];
}

/**
 * Appends accepted updates to the DocUpdate log: one row per document per flush (the merge of what
 * arrived meanwhile), all documents in one transaction, written by a LogWriter (on SQLite in a
 * thread of its own, see log-writer.ts). A flush starts as soon as an update arrives while no write
 * is in flight (the commit then runs beside the fan-out of the same turn); what arrives during a
 * write goes in the next one, which starts when that write ends, or at the latest `intervalMs`
 * after its arrival: flushes do not wait for the previous one to commit, so a writer that is slow
 * for a moment (a WAL checkpoint, a compaction, a busy machine) delays what it holds, not everything
 * that arrives after it. The batches grow with the writer's commit time, never past the interval.
 * A failed write keeps the updates and retries; nothing is dropped. (Rows of one document may then
 * commit out of order; Yjs applies updates in any order, and loading applies them together.)
 */
export class UpdateLog {
  private pending = new Map<string, PendingDoc>();
  private timer: NodeJS.Timeout | null = null;
  private timerDue = Infinity;
  /** As if a flush had just started: a server's first write waits the gap like any other. */
  private lastFlushAt = Date.now();
  /**
   * Flushes start at most this often while the writer keeps up (by default a quarter of the interval:
   * 10 ms at the default 40): a commit for every turn of a busy room would cost a transaction (and a
   * sync) each.
   */
  private readonly gapMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  /** Documents with a write in flight, and how many writes. */
  private readonly inFlightDocs = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly writer: LogWriter,
    private readonly intervalMs: number,
    private readonly metrics: CollabMetrics,
    /** Called after rows were committed, with how many rows each document gained. */
    private readonly onPersisted: (docName: string, rows: number) => void,
    /** Counts what is not yet written, logs outages, paces retries (unsaved-buffer.ts). */
    private readonly unsaved: UnsavedBuffer,
    gapMs?: number,
  ) {
    this.gapMs = gapMs ?? intervalMs / 4;
  }

  /**
   * A document's stored state for its first open, read by the log writer (on SQLite: read and
   * merged in the writer thread, behind the appends already queued, and compacted there when long).
   */
  load(docName: string): Promise<StoredDoc> {
    return this.writer.load(docName);
  }

  append(docName: string, update: Uint8Array, arrivedAt: number): void {
    let p = this.pending.get(docName);
    if (!p) this.pending.set(docName, (p = { updates: [], arrivals: [] }));
    p.updates.push(update);
    p.arrivals.push(arrivedAt);
    this.unsaved.added(update.length);
    this.schedule(arrivedAt);
  }

  /** Folds a document's log into its snapshot, through the same writer as the appends. */
  compact(docName: string): Promise<CompactResult> {
    return this.writer.compact(docName);
  }

  /** Whether something the document accepted is not committed yet (queued or being written). */
  hasPending(docName: string): boolean {
    return this.pending.has(docName) || this.inFlightDocs.has(docName);
  }

  /**
   * Flushes when the writer is idle and the last flush started `gapMs` ago, else when the write in
   * flight ends (see flush), and in any case `intervalMs` after the arrival: the durability promise.
   */
  private schedule(arrivedAt: number): void {
    if (this.closed) return;
    const now = Date.now();
    // Counted from arrival: time spent queued before append counts against the window.
    let due = arrivedAt + this.intervalMs;
    if (this.inFlight.size === 0) due = Math.min(due, this.lastFlushAt + this.gapMs);
    if (due <= now && this.inFlight.size === 0) {
      this.startFlush();
      return;
    }
    // Overdue while a write is in flight: the event loop is behind. Everything appended in this
    // turn goes in one flush at the next, not one write per update (which, behind a busy machine,
    // made the writes pile up and the server fall further behind).
    due = Math.max(due, now);
    if (this.timer && this.timerDue <= due) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerDue = due;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDue = Infinity;
      this.startFlush();
    }, due - now);
  }

  /** Writes everything pending now; resolves when it and every earlier write are committed (or failed and queued again). */
  async flush(): Promise<void> {
    this.startFlush();
    await Promise.all([...this.inFlight]);
  }

  /** Starts writing everything pending now, without waiting for it. */
  private startFlush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.timerDue = Infinity;
    }
    if (this.pending.size > 0) {
      this.lastFlushAt = Date.now();
      const batch = this.pending;
      this.pending = new Map();
      for (const docName of batch.keys()) this.inFlightDocs.set(docName, (this.inFlightDocs.get(docName) ?? 0) + 1);
      const write = this.write(batch).finally(() => {
        this.inFlight.delete(write);
        for (const docName of batch.keys()) {
          const n = this.inFlightDocs.get(docName)! - 1;
          if (n > 0) this.inFlightDocs.set(docName, n);
          else this.inFlightDocs.delete(docName);
        }
        // What arrived during this write goes now (or after the gap) rather than at its deadline.
        if (this.inFlight.size === 0 && this.pending.size > 0) this.schedule(this.oldestPending());
      });
      this.inFlight.add(write);
    }
  }

  private async write(batch: Map<string, PendingDoc>): Promise<void> {
    let committedAt: number;
    try {
      committedAt =
        (await this.writer.write([...batch].map(([docName, p]) => ({ docName, updates: p.updates })))) ?? Date.now();
    } catch (err) {
      const retryMs = this.unsaved.failed(
        err,
        [...batch.values()].reduce((n, p) => n + p.updates.length, 0),
      );
      // Put the batch back in front of anything that arrived meanwhile, and try again shortly.
      for (const [docName, p] of this.pending) {
        const b = batch.get(docName);
        if (b) {
          b.updates.push(...p.updates);
          b.arrivals.push(...p.arrivals);
        } else batch.set(docName, p);
      }
      this.pending = batch;
      if (!this.closed) {
        await new Promise((r) => setTimeout(r, retryMs));
        if (this.pending.size > 0) this.schedule(this.oldestPending());
      }
      return;
    }
    const written = [...batch.values()].flatMap((p) => p.updates);
    this.unsaved.written(
      written.length,
      written.reduce((n, u) => n + u.length, 0),
    );
    for (const [docName, p] of batch) {
      this.metrics.updatesPersisted.inc(p.updates.length);
      for (const a of p.arrivals) this.metrics.persistLag.observe(Math.max(0, committedAt - a) / 1000);
      this.onPersisted(docName, 1);
    }
    this.metrics.logRowsWritten.inc(batch.size);
  }

  private oldestPending(): number {
    let oldest = Date.now();
    for (const p of this.pending.values()) oldest = Math.min(oldest, p.arrivals[0] ?? oldest);
    return oldest;
  }

  /** Flushes until nothing is pending, retrying failed writes a few times. */
  async close(): Promise<void> {
    for (let attempt = 0; attempt < 20 && (this.pending.size > 0 || this.inFlight.size > 0); attempt++)
      await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.writer.close();
  }
}
