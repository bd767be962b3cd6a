import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { loadStoredDoc, type StoredDoc } from '@/lib/collab/stored-doc';
import { resolveDatabaseTarget } from '@/lib/database-url';
import type { Db } from '@/lib/db';
import { env } from '@/lib/env';
import type { CollabMetrics } from './metrics';
import { compactDoc } from './persistence';
import { PostgresLogWriter } from './postgres-log-writer';

/** What one flush appends: each document's updates accepted since the last flush, in order. */
export interface LogBatch {
  docName: string;
  updates: Uint8Array[];
}

export type CompactResult = 'compacted' | 'nothing' | 'conflict';

/** Where the update log is written: appends and compactions. */
export interface LogWriter {
  /**
   * Appends one flush (one row per document, one transaction); rejects when nothing was written.
   * Resolves with when it committed (epoch ms) where that is known better than by the caller.
   */
  write(batch: LogBatch[]): Promise<number | void>;
  /** Folds a document's log into its snapshot (see compactDoc in persistence.ts). */
  compact(docName: string): Promise<CompactResult>;
  /** A document's stored state, for its first open (see loadStoredDoc in lib/collab/stored-doc.ts). */
  load(docName: string): Promise<StoredDoc>;
  close(): Promise<void>;
}

/** Through Prisma on the calling thread: for a server handed a Prisma client of its own (tests). */
export function prismaLogWriter(db: Db): LogWriter {
  return {
    async write(batch) {
      const data = batch.map(({ docName, updates }) => ({
        docName,
        data: Buffer.from(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)),
      }));
      await db.docUpdate.createMany({ data });
    },
    compact: (docName) => compactDoc(db, docName),
    load: (docName) => loadStoredDoc(db, docName),
    async close() {},
  };
}

type Request =
  | { type: 'append'; docs: LogBatch[] }
  | { type: 'compact'; docName: string }
  | { type: 'load'; docName: string; compactAbove: number };
type Result = CompactResult | StoredDoc | number | undefined;
type Reply = { id: number; ok: true; result?: Result; ms: number } | { id: number; ok: false; error: string };

/**
 * SQLite through a worker thread with its own connection (log-writer-worker.mjs): merging the
 * updates and the synchronous commit happen off the event loop that fans edits out. WAL lets it
 * write while the main connection reads; SQLite serialises it with other writers (busy timeout).
 */
export class SqliteWorkerLogWriter implements LogWriter {
  private worker: Worker | null = null;
  private readonly waiting = new Map<
    number,
    { op: Request['type']; resolve: (r?: Result) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private closing = false;

  constructor(
    private readonly file: string,
    private readonly metrics: CollabMetrics,
    /** A log this long is folded into the snapshot right after it was loaded (the server's compactThreshold). */
    private readonly compactAbove: number,
  ) {
    // Started now: loading the thread takes a moment that the first flush should not wait for.
    this.worker = this.spawn();
  }

  /** Resolves with the commit's time in the writer thread: the reply can wait behind a long turn of this thread. */
  async write(batch: LogBatch[]): Promise<number> {
    return (await this.request({ type: 'append', docs: batch })) as number;
  }

  async compact(docName: string): Promise<CompactResult> {
    return (await this.request({ type: 'compact', docName })) as CompactResult;
  }

  /**
   * Read and merged in the writer thread: the main thread applies one update instead of reading
   * and integrating every row (a 100,000-row log: ~1 s of the event loop before). A load waits
   * behind the appends already queued, which it then includes.
   */
  async load(docName: string): Promise<StoredDoc> {
    return (await this.request({ type: 'load', docName, compactAbove: this.compactAbove })) as StoredDoc;
  }

  private request(r: Request): Promise<Result> {
    if (this.closing) return Promise.reject(new Error('log writer closed'));
    const worker = (this.worker ??= this.spawn());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { op: r.type, resolve, reject });
      // Held while a request is in flight: the process does not exit before it is committed.
      worker.ref();
      worker.postMessage({ id, ...r });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private spawn(): Worker {
    const worker = new Worker(path.join(__dirname, 'log-writer-worker.mjs'), { workerData: { file: this.file } });
    worker.on('message', (r: Reply) => {
      const w = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      if (this.waiting.size === 0) worker.unref();
      if (r.ok && w) this.metrics.logWriterSeconds.observe({ op: w.op }, r.ms / 1000);
      if (r.ok) w?.resolve(r.result);
      else w?.reject(new Error(r.error));
    });
    // A thread that died fails what it held (the UpdateLog keeps it and retries); the next write starts a new one.
    const died = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`log writer thread exited (${code})`)));
    worker.unref();
    return worker;
  }
}

/**
 * The worker thread on SQLite, `pg` with a pool of its own on PostgreSQL (postgres-log-writer.ts);
 * Prisma when the server was handed a client of its own (tests).
 */
export function logWriterFor(db: Db, givenDb: boolean, metrics: CollabMetrics, compactAbove: number): LogWriter {
  if (givenDb) return prismaLogWriter(db);
  const target = resolveDatabaseTarget();
  return target.provider === 'sqlite'
    ? new SqliteWorkerLogWriter(target.file, metrics, compactAbove)
    : new PostgresLogWriter(target.url, env().DATABASE_POOL_SIZE, metrics);
}
