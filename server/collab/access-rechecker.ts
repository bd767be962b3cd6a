import { CollabCloseCode } from '@/lib/collab/close-codes';
import { collabAccess, type CollabAccess } from '@/lib/collab/collab-access';
import { logger } from '@/lib/logger';
import type { CollabConnection } from './connection';

const log = logger.child({ component: 'collab-access-recheck' });

/**
 * Revocation: every open connection's access is checked again, every `intervalMs` and whenever
 * recheck() is asked (a use case took access away, here or on another node). Connections are
 * grouped by user and document, so a crowd in one document costs one check per user; concurrent
 * requests share one pass.
 */
export class AccessRechecker {
  private running: Promise<void> | null = null;
  private periodicRunning: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly connections: ReadonlySet<CollabConnection>,
    private readonly intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.recheck(true), intervalMs);
    this.timer.unref();
  }

  /**
   * A requested re-check (revocation) runs at once; the periodic one is spread over half the
   * interval in small slices, so hundreds of open documents cost many short database turns instead
   * of one long stall every interval (each group is still checked once per COLLAB_REVALIDATE_MS).
   */
  recheck(periodic = false): Promise<void> {
    if (periodic) {
      return (this.periodicRunning ??= this.pass(true).finally(() => {
        this.periodicRunning = null;
      }));
    }
    // Not queued behind a slow periodic pass: a revocation is acted on at once.
    return (this.running ??= this.pass(false).finally(() => {
      this.running = null;
    }));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async pass(periodic: boolean): Promise<void> {
    const groups = new Map<string, CollabConnection[]>();
    for (const c of this.connections) {
      const key = `${c.doc.name}\u0000${c.identity.userId ?? ''}`;
      const g = groups.get(key);
      if (g) g.push(c);
      else groups.set(key, [c]);
    }
    const entries = [...groups.values()];
    const slice = periodic ? 4 : 20;
    const slices = Math.ceil(entries.length / slice);
    const pause = periodic && slices > 1 ? Math.min(50, this.intervalMs / 2 / slices) : 0;
    for (let i = 0; i < entries.length; i += slice) {
      await Promise.all(entries.slice(i, i + slice).map((conns) => this.checkGroup(conns)));
      if (pause > 0 && i + slice < entries.length) await new Promise((r) => setTimeout(r, pause));
    }
  }

  private async checkGroup(conns: CollabConnection[]): Promise<void> {
    const first = conns[0]!;
    let access: CollabAccess;
    try {
      access = await collabAccess(first.identity.userId, first.doc.name);
    } catch (err) {
      log.warn({ err, doc: first.doc.name }, 'access re-check failed; keeping connections');
      return;
    }
    for (const c of conns) {
      if (access === 'none' || (access === 'read' && !c.readOnly)) {
        log.info({ doc: c.doc.name, subject: c.identity.subject, access }, 'access revoked: closing');
        c.close(
          CollabCloseCode.accessRevoked,
          access === 'none' ? 'access revoked' : 'write access revoked',
          'access_revoked',
        );
      }
    }
  }
}
