import { CollabCloseCode } from '@/lib/collab/close-codes';
import type { Db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { CollabDoc } from './collab-doc';
import type { CollabConfig } from './config';
import type { CollabContext } from './context';
import { callHooks } from './hooks';
import type { CollabMetrics } from './metrics';
import type { UpdateLog } from './persistence';

const log = logger.child({ component: 'collab-documents' });

/**
 * The documents this node holds in memory: loads on first connection, unloads when idle (only once
 * everything it accepted is in the log), drops and reloads a document whose memory is suspect, and
 * folds a document's log into its snapshot when it has grown (persistence.ts does the writing).
 */
export class DocumentRegistry {
  readonly docs = new Map<string, CollabDoc>();
  private closing = false;
  private ctx!: CollabContext;

  constructor(
    private readonly config: CollabConfig,
    private readonly db: Db,
    private readonly metrics: CollabMetrics,
  ) {}

  /** The context documents share; set once, before the first document is opened. */
  attach(ctx: CollabContext): void {
    this.ctx = ctx;
  }

  get(docName: string): CollabDoc {
    let doc = this.docs.get(docName);
    if (!doc) {
      doc = new CollabDoc(docName, this.ctx);
      this.docs.set(docName, doc);
      this.metrics.documents.set(this.docs.size);
      doc.ready.catch((err) => {
        log.error({ err, doc: docName }, 'loading document failed');
        this.reload(docName);
      });
    }
    return doc;
  }

  /** The document failed in a way that leaves its memory state suspect: drop it and let clients resync. */
  reload(docName: string): void {
    const doc = this.docs.get(docName);
    if (!doc) return;
    this.docs.delete(docName);
    this.metrics.documents.set(this.docs.size);
    for (const c of doc.conns) c.close(CollabCloseCode.reload, 'document reloaded', 'reload');
    doc.destroy();
  }

  /** The last connection left: unload after COLLAB_IDLE_UNLOAD_MS unless someone comes back. */
  idle(docName: string): void {
    const doc = this.docs.get(docName);
    if (!doc || this.closing) return;
    doc.idleTimer = setTimeout(() => void this.unloadIfIdle(doc), this.config.idleUnloadMs);
    doc.idleTimer.unref();
  }

  /** Log rows were committed for a document (the UpdateLog's callback). */
  stored(docName: string, rows: number): void {
    callHooks(this.ctx.hooks, 'onStoreDocument', { docName, rows });
    const doc = this.docs.get(docName);
    if (!doc) return;
    doc.logRows += rows;
    if (doc.logRows >= this.config.compactThreshold && !doc.compacting) void this.compact(doc);
  }

  flushAll(): void {
    for (const d of this.docs.values()) d.flush();
  }

  /** Stops unloading (shutdown). */
  close(): void {
    this.closing = true;
  }

  destroyAll(): void {
    for (const d of this.docs.values()) d.destroy();
    this.docs.clear();
    this.metrics.documents.set(0);
  }

  private async unloadIfIdle(doc: CollabDoc): Promise<void> {
    const updateLog: UpdateLog = this.ctx.updateLog;
    doc.idleTimer = null;
    if (doc.conns.size > 0 || this.docs.get(doc.name) !== doc) return;
    doc.flush();
    // Unload only once everything it accepted is in the log, or a reload could miss it.
    if (updateLog.hasPending(doc.name)) await updateLog.flush();
    if (doc.conns.size > 0 || this.docs.get(doc.name) !== doc || !doc.quiet || updateLog.hasPending(doc.name)) {
      if (doc.conns.size === 0) this.idle(doc.name);
      return;
    }
    this.docs.delete(doc.name);
    doc.destroy();
    this.metrics.documents.set(this.docs.size);
    log.debug({ doc: doc.name }, 'idle document unloaded');
  }

  private async compact(doc: CollabDoc): Promise<void> {
    doc.compacting = true;
    try {
      const result = await this.ctx.updateLog.compact(doc.name);
      this.metrics.compactions.inc({ result });
      if (result === 'compacted') doc.logRows = 0;
    } catch (err) {
      this.metrics.compactions.inc({ result: 'error' });
      log.error({ err, doc: doc.name }, 'compaction failed');
    } finally {
      doc.compacting = false;
    }
  }
}
