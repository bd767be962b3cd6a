import { CollabCloseCode } from '@/lib/collab/close-codes';
import type { Db } from '@/lib/db';
import { logger } from '@/lib/logger';
import { accessKey, collabAccessBatch } from './access-batch';
import type { CollabConnection } from './connection';

const log = logger.child({ component: 'collab-access-recheck' });

/**
 * Revocation: every open connection's access is checked again, every `intervalMs` and whenever
 * recheck() is asked (a use case took access away, here or on another node). One pass asks the
 * database about every open (user, document) pair at once (access-batch.ts: four queries however
 * many documents are open), so hundreds of open documents no longer cost hundreds of query turns.
 */
export class AccessRechecker {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly connections: ReadonlySet<CollabConnection>,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.recheck(), intervalMs);
    this.timer.unref();
  }

  /**
   * Runs a pass now, or, when one is running (it may have read before the change that asks for
   * this one), once more right after it; requests made meanwhile share that one pass.
   */
  recheck(): Promise<void> {
    if (!this.running) return this.start();
    return (this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.start();
    }));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private start(): Promise<void> {
    return (this.running = this.pass().finally(() => {
      this.running = null;
    }));
  }

  private async pass(): Promise<void> {
    const groups = new Map<string, CollabConnection[]>();
    for (const c of this.connections) {
      const key = accessKey(c.identity.userId, c.doc.name);
      const g = groups.get(key);
      if (g) g.push(c);
      else groups.set(key, [c]);
    }
    if (groups.size === 0) return;
    let access: Awaited<ReturnType<typeof collabAccessBatch>>;
    try {
      access = await collabAccessBatch(
        this.db,
        [...groups.values()].map(([c]) => ({ userId: c!.identity.userId, docName: c!.doc.name })),
      );
    } catch (err) {
      log.warn({ err, groups: groups.size }, 'access re-check failed; keeping connections');
      return;
    }
    for (const [key, conns] of groups) {
      const a = access.get(key);
      for (const c of conns) {
        if (a === 'none' || (a === 'read' && !c.readOnly)) {
          log.info({ doc: c.doc.name, subject: c.identity.subject, access: a }, 'access revoked: closing');
          c.close(
            CollabCloseCode.accessRevoked,
            a === 'none' ? 'access revoked' : 'write access revoked',
            'access_revoked',
          );
        }
      }
    }
  }
}
