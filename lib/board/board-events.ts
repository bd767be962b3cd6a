import crypto from 'node:crypto';
import Redis from 'ioredis';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';

// Tells every open board, schedule and projector of an event that something changed, on every
// node: listeners in this process hear it at once; with REDIS_URL the change is also published on
// one channel that every node subscribes to. Messages carry no data beyond what changed: pages
// fetch the new state themselves, through the same permission checks as any other read.

const log = logger.child({ component: 'board-events' });
const CHANNEL = 'hallway:board';

export type BoardChangeKind = 'session' | 'vote' | 'schedule' | 'room' | 'slot' | 'settings';

export interface BoardChange {
  eventId: string;
  kind: BoardChangeKind;
  sessionId?: string;
  /** Milliseconds since the epoch when the change was committed. */
  at: number;
}

type Listener = (change: BoardChange) => void;

/** In-process fan-out plus, optionally, Redis pub/sub between nodes. */
export class BoardEventBus {
  readonly nodeId = crypto.randomBytes(6).toString('hex');
  private readonly listeners = new Map<string, Set<Listener>>();
  private pub: Redis | null = null;
  private sub: Redis | null = null;
  private ready: Promise<void> | null = null;

  constructor(private readonly redisUrl?: string) {}

  /** Connects to Redis once (no-op without a URL); later calls share the first attempt. */
  start(): Promise<void> {
    if (!this.redisUrl) return Promise.resolve();
    this.ready ??= (async () => {
      // Publishing fails fast while Redis is away instead of queueing; ioredis resubscribes itself.
      this.pub = new Redis(this.redisUrl!, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.sub = new Redis(this.redisUrl!, { lazyConnect: true });
      for (const c of [this.pub, this.sub])
        c.on('error', (err: Error) => log.warn({ err: err.message }, 'redis error'));
      this.sub.on('message', (_channel: string, raw: string) => this.receive(raw));
      await Promise.all([this.pub.connect(), this.sub.connect()]);
      await this.sub.subscribe(CHANNEL);
    })();
    return this.ready;
  }

  /** Announces a committed change. Never throws: a lost notice must not fail the write. */
  async publish(change: Omit<BoardChange, 'at'>): Promise<void> {
    const full: BoardChange = { ...change, at: Date.now() };
    this.deliver(full);
    if (!this.redisUrl) return;
    try {
      await this.start();
      await this.pub!.publish(CHANNEL, JSON.stringify({ from: this.nodeId, change: full }));
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'board change not published to other nodes');
    }
  }

  /** Calls `listener` for every change of one event until the returned function is called. */
  subscribe(eventId: string, listener: Listener): () => void {
    if (this.redisUrl)
      void this.start().catch((err: Error) => log.warn({ err: err.message }, 'redis subscribe failed'));
    const set = this.listeners.get(eventId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(eventId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(eventId) === set) this.listeners.delete(eventId);
    };
  }

  listenerCount(eventId: string): number {
    return this.listeners.get(eventId)?.size ?? 0;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all([this.pub?.quit().catch(() => undefined), this.sub?.quit().catch(() => undefined)]);
  }

  private receive(raw: string): void {
    try {
      const msg = JSON.parse(raw) as { from: string; change: BoardChange };
      if (msg.from !== this.nodeId) this.deliver(msg.change);
    } catch {
      log.warn('malformed board change on redis');
    }
  }

  private deliver(change: BoardChange): void {
    for (const listener of this.listeners.get(change.eventId) ?? []) {
      try {
        listener(change);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'board listener failed');
      }
    }
  }
}

// The custom server and the Next.js bundles run in one process but may load this module twice;
// one bus per process keeps publishers and SSE streams talking to each other.
const globalForBus = globalThis as unknown as { __hallwayBoardBus?: BoardEventBus };

/** The process's bus, with Redis fan-out when REDIS_URL is set. */
export function boardEvents(): BoardEventBus {
  return (globalForBus.__hallwayBoardBus ??= new BoardEventBus(env().REDIS_URL));
}

/** Shorthand used by every use case that changes what a board shows. */
export function announceBoardChange(eventId: string, kind: BoardChangeKind, sessionId?: string): void {
  void boardEvents().publish({ eventId, kind, sessionId });
}
