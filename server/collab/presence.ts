import crypto from 'node:crypto';
import Redis from 'ioredis';
import type { DocPresence } from '@/lib/notes/presence-registry';
import { logger } from '@/lib/logger';
import type { CollabDoc } from './collab-doc';

const log = logger.child({ component: 'collab-presence' });
const KEY_PREFIX = 'hallway:presence:';
/** An entry older than this is a node that stopped without cleaning up. */
const STALE_MS = 10_000;

interface NodeEntry {
  at: number;
  editors: string[];
  viewers: number;
}

/**
 * Who has which document open. Counted from the server's own view of each connection (the user
 * its token named, and whether it may write), never from what clients put in their awareness
 * state. Alone, a node answers from its connections; with Redis, each node publishes its share
 * every `intervalMs` into one hash per document and any node (or a web-only process) sums them.
 */
export class PresenceTracker {
  private readonly nodeId = crypto.randomBytes(6).toString('hex');
  private readonly redis: Redis | null;
  private timer: NodeJS.Timeout | null = null;
  private published = new Set<string>();

  constructor(
    private readonly docs: ReadonlyMap<string, CollabDoc>,
    redisUrl: string | undefined,
    private readonly intervalMs = 2000,
  ) {
    this.redis = redisUrl
      ? new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false })
      : null;
    this.redis?.on('error', (err) => log.warn({ err: err.message }, 'presence redis error'));
  }

  async start(): Promise<void> {
    if (!this.redis) return;
    await this.redis.connect();
    this.timer = setInterval(
      () => void this.publish().catch((err: Error) => log.warn({ err: err.message }, 'presence publish failed')),
      this.intervalMs,
    );
    this.timer.unref();
  }

  /** This node's connections to one document. */
  private local(doc: CollabDoc): NodeEntry {
    const editors = new Set<string>();
    let viewers = 0;
    for (const c of doc.conns) {
      if (c.closed) continue;
      if (!c.readOnly && c.identity.userId) editors.add(c.identity.userId);
      else viewers++;
    }
    return { at: Date.now(), editors: [...editors], viewers };
  }

  async publish(): Promise<void> {
    if (!this.redis) return;
    const pipe = this.redis.pipeline();
    const now = new Set<string>();
    for (const [name, doc] of this.docs) {
      const entry = this.local(doc);
      if (entry.editors.length === 0 && entry.viewers === 0) continue;
      now.add(name);
      pipe.hset(KEY_PREFIX + name, this.nodeId, JSON.stringify(entry));
      pipe.pexpire(KEY_PREFIX + name, STALE_MS * 3);
    }
    for (const name of this.published) if (!now.has(name)) pipe.hdel(KEY_PREFIX + name, this.nodeId);
    this.published = now;
    if (pipe.length) await pipe.exec();
  }

  /** Presence per document across the cluster (or this node alone without Redis). */
  async read(docNames: string[]): Promise<Map<string, DocPresence>> {
    const out = new Map<string, DocPresence>();
    const add = (name: string, entries: NodeEntry[]) => {
      const editors = new Set<string>();
      let viewers = 0;
      for (const e of entries) {
        for (const id of e.editors) editors.add(id);
        viewers += e.viewers;
      }
      if (editors.size || viewers) out.set(name, { editing: editors.size, viewing: viewers });
    };
    if (!this.redis) {
      for (const name of docNames) {
        const doc = this.docs.get(name);
        if (doc) add(name, [this.local(doc)]);
      }
      return out;
    }
    const pipe = this.redis.pipeline();
    for (const name of docNames) pipe.hgetall(KEY_PREFIX + name);
    const results = (await pipe.exec()) ?? [];
    const fresh = Date.now() - STALE_MS;
    docNames.forEach((name, i) => {
      const hash = (results[i]?.[1] ?? {}) as Record<string, string>;
      const entries: NodeEntry[] = [];
      for (const [node, raw] of Object.entries(hash)) {
        if (node === this.nodeId) continue; // our own share is read live below
        try {
          const e = JSON.parse(raw) as NodeEntry;
          if (e.at >= fresh && Array.isArray(e.editors)) entries.push(e);
        } catch {
          // a malformed entry counts as absent
        }
      }
      const doc = this.docs.get(name);
      if (doc) entries.push(this.local(doc));
      add(name, entries);
    });
    return out;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (!this.redis) return;
    try {
      if (this.published.size && this.redis.status === 'ready') {
        const pipe = this.redis.pipeline();
        for (const name of this.published) pipe.hdel(KEY_PREFIX + name, this.nodeId);
        await pipe.exec();
      }
    } finally {
      this.redis.disconnect();
    }
  }
}
