import { collabAccessOf, type CollabAccess } from '@/lib/collab/collab-access';

export interface AccessDecision {
  access: CollabAccess;
  /** The user's display name from the database, shown to others in presence. */
  name: string | null;
  /** The access epoch the decision was read at (null: unknown); it holds while the epoch stands. */
  epoch: number | null;
}
export type AccessLookup = (userId: string | null, docName: string) => Promise<AccessDecision>;

interface Entry {
  /** Until when (ms since the epoch) the decision may be reused; counted from the lookup's start. */
  until: number;
  decision: Promise<AccessDecision>;
}

function grants(access: CollabAccess, wanted: 'read' | 'write'): boolean {
  return access === 'write' || (access === 'read' && wanted === 'read');
}

/**
 * Recent access decisions of upgrades, per (user, document). A reconnect storm or a venue's
 * morning brings the same user to the same document many times within a second; each upgrade used
 * to run the same four queries. Here concurrent upgrades share one lookup and later ones reuse its
 * answer for `ttlMs` (at most COLLAB_REVALIDATE_MS: an open connection is trusted that long too).
 *
 * Only a grant is ever reused, and only when it covers what the upgrade asks for: a refusal or a
 * narrower grant than the token names is looked up again, so someone just added to an event (or
 * promoted) is never turned away or silently made read-only by a stale answer. A revocation
 * (requestCollabAccessRecheck) calls invalidate(): the next upgrade after it asks the database.
 */
export class AccessCache {
  private readonly entries = new Map<string, Entry>();
  private nextSweep = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly lookup: AccessLookup = collabAccessOf,
    private readonly now: () => number = Date.now,
  ) {}

  /** What `userId` may do with `docName`, for an upgrade that wants `wanted`. */
  async decide(userId: string | null, docName: string, wanted: 'read' | 'write'): Promise<AccessDecision> {
    if (this.ttlMs <= 0) return this.lookup(userId, docName);
    const key = `${userId ?? ''}\u0000${docName}`;
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) {
      const decision = await hit.decision.catch(() => null);
      if (decision && grants(decision.access, wanted)) return decision;
      // Not enough: ask again, unless another upgrade already did after this answer was cached.
      const current = this.entries.get(key);
      if (current && current !== hit) return current.decision;
    }
    return this.start(key, userId, docName).decision;
  }

  /** Forgets every decision: access was taken away somewhere. */
  invalidate(): void {
    this.entries.clear();
  }

  /** Decisions held now (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }

  private start(key: string, userId: string | null, docName: string): Entry {
    const t = this.now();
    if (t >= this.nextSweep) this.sweep(t);
    const entry: Entry = { until: t + this.ttlMs, decision: this.lookup(userId, docName) };
    this.entries.set(key, entry);
    // A failed lookup is not an answer to reuse.
    entry.decision.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry;
  }

  /** Drops expired decisions, at most once per ttl, so the map holds only recent users. */
  private sweep(t: number): void {
    this.nextSweep = t + this.ttlMs;
    for (const [key, e] of this.entries) if (e.until <= t) this.entries.delete(key);
  }
}
