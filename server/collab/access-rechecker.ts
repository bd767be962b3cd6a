import type { Counter } from 'prom-client';
import { readAccessEpoch } from '@/lib/collab/access-epoch';
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
 *
 * A periodic pass first reads the access epoch (access-epoch.ts), which database triggers bump on
 * every change that can take access away. When it is where it was before the last pass that
 * succeeded, every answer of that pass still holds, and of the connections opened since only those
 * admitted by a decision read at another epoch (cached, or read before a change) are asked about:
 * at 10,000 idle connections a pass is one tiny query instead of fifty, and connections arriving
 * are not asked about again right after their upgrade asked. A requested re-check asks everyone.
 */
export class AccessRechecker {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;
  /** The epoch read before the last pass that succeeded; null: none since start, or one failed. */
  private checkedEpoch: number | null = null;
  /** Connections opened since the last pass began, with the epoch their admission was decided at. */
  private unchecked = new Map<CollabConnection, number | null>();

  constructor(
    private readonly connections: ReadonlySet<CollabConnection>,
    intervalMs: number,
    private readonly passes: Counter<'pass'>,
  ) {
    this.timer = setInterval(() => this.periodic(), intervalMs);
    this.timer.unref();
  }

  /** Notes a connection just opened, admitted by a decision read at `epoch` (null: unknown). */
  connectionOpened(conn: CollabConnection, epoch: number | null): void {
    this.unchecked.set(conn, epoch);
  }

  /**
   * Runs a full pass now, or, when one is running (it may have read before the change that asks for
   * this one), once more right after it; requests made meanwhile share that one pass.
   */
  recheck(): Promise<void> {
    if (!this.running) return this.start(true);
    return (this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.start(true);
    }));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The interval's pass; a pass still running (or a requested one waiting) stands in for it. */
  private periodic(): void {
    if (!this.running) void this.start(false);
  }

  private start(full: boolean): Promise<void> {
    return (this.running = this.pass(full).finally(() => {
      this.running = null;
    }));
  }

  private async pass(full: boolean): Promise<void> {
    // Read before the access rows: a change committed after this read moves the epoch for the
    // next pass; one committed before it is in the rows this pass reads.
    let epoch: number | null = null;
    try {
      epoch = await readAccessEpoch();
    } catch (err) {
      log.warn({ err }, 'reading the access epoch failed; checking every connection');
    }
    const opened = this.unchecked;
    this.unchecked = new Map();
    const everyone = full || epoch === null || epoch !== this.checkedEpoch;
    const candidates: Iterable<CollabConnection> = everyone
      ? this.connections
      : [...opened].filter(([, admittedAt]) => admittedAt !== epoch).map(([c]) => c);
    // Grouped by document, then user, through nested maps: a key string made for every open
    // connection on every pass cost 6-8 ms per pass at 10,000 connections, the map lookups ~1 ms.
    const groups: CollabConnection[][] = [];
    const byDoc = new Map<CollabDoc, Map<string | null, CollabConnection[]>>();
    for (const c of candidates) {
      if (c.closed) continue;
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
    if (!everyone && groups.length === 0) {
      this.passes.inc({ pass: 'skipped' });
      return;
    }
    this.passes.inc({ pass: everyone ? 'full' : 'opened' });
    let answers: CollabAccess[];
    try {
      answers = await Promise.all(groups.map(([c]) => collabAccess(c!.identity.userId, c!.doc.name)));
    } catch (err) {
      this.checkedEpoch = null;
      log.warn({ err, groups: groups.length }, 'access re-check failed; keeping connections');
      return;
    }
    this.checkedEpoch = epoch;
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
