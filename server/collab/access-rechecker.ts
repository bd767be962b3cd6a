import { CollabCloseCode } from '@/lib/collab/close-codes';
import { collabAccess, type CollabAccess } from '@/lib/collab/collab-access';
import { logger } from '@/lib/logger';
import type { CollabDoc } from './collab-doc';
import type { CollabConnection } from './connection';

const log = logger.child({ component: 'collab-access-recheck' });

/**
 * Revocation: every open connection's access is checked again, every `intervalMs` and whenever
 * recheck() is asked (a use case took access away, here or on another node). One pass asks about
 * every open (user, document) pair at once; lookups of one turn share SQL queries (access-rows.ts,
 * 200 pairs each), so hundreds of open documents no longer cost hundreds of query turns.
 */
export class AccessRechecker {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
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
    // Grouped by document, then user, through nested maps: a key string made for every open
    // connection on every pass cost 6-8 ms per pass at 10,000 connections, the map lookups ~1 ms.
    const groups: CollabConnection[][] = [];
    const byDoc = new Map<CollabDoc, Map<string | null, CollabConnection[]>>();
    for (const c of this.connections) {
      let users = byDoc.get(c.doc);
      if (!users) byDoc.set(c.doc, (users = new Map()));
      const group = users.get(c.identity.userId);
      if (group) group.push(c);
      else {
        const created = [c];
        users.set(c.identity.userId, created);
        groups.push(created);
      }
    }
    if (groups.length === 0) return;
    let answers: CollabAccess[];
    try {
      answers = await Promise.all(groups.map(([c]) => collabAccess(c!.identity.userId, c!.doc.name)));
    } catch (err) {
      log.warn({ err, groups: groups.length }, 'access re-check failed; keeping connections');
      return;
    }
    groups.forEach((conns, i) => {
      const a = answers[i];
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
    });
  }
}
