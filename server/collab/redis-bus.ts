import crypto from 'node:crypto';
import Redis from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { logger } from '@/lib/logger';
import type { CollabMetrics } from './metrics';

const log = logger.child({ component: 'collab-redis' });

/** What nodes tell each other about a document, on that document's channel. */
export const BusKind = {
  /** A Yjs update a node accepted from its client (that node persists it; receivers only apply). */
  update: 0,
  /** An awareness update from clients of the sending node. */
  awareness: 1,
  /** "I just loaded this document; here is my state vector": holders answer with syncReply. */
  syncRequest: 2,
  /** The difference the requester lacks, addressed to it. */
  syncReply: 3,
  /**
   * Sent with a syncReply: the answering node's state vector, so the requester sends back what
   * the answerer lacks (after an outage both sides may hold edits the other missed). Answered
   * with a syncReply only, never with another request.
   */
  syncRequestBack: 4,
} as const;
export type BusKind = (typeof BusKind)[keyof typeof BusKind];

export interface BusMessage {
  from: string;
  kind: BusKind;
  /** Node the message is meant for, or '' for every node. */
  to: string;
  payload: Uint8Array;
}

export type BusHandler = (msg: BusMessage) => void;

const CHANNEL_PREFIX = 'hallway:collab:doc:';

/** Redis pub/sub between collab nodes: one channel per document, binary messages. */
export class RedisBus {
  readonly nodeId = crypto.randomBytes(8).toString('hex');
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, BusHandler>();
  /** Channels that carry a signal for the whole node rather than a document's messages. */
  private readonly signals = new Map<string, () => void>();
  private onReconnect: (() => void) | null = null;
  private connected = false;
  /** A connection dropped since the last resync: documents may have missed each other's updates. */
  private resyncDue = false;

  constructor(
    url: string,
    private readonly metrics: CollabMetrics,
  ) {
    // Publishing fails fast while Redis is away (counted) instead of queueing without bound;
    // subscriptions are restored by ioredis on reconnect.
    this.pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    this.sub = new Redis(url, { lazyConnect: true });
    for (const c of [this.pub, this.sub])
      c.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.dispatch(channel.toString(), message));
    for (const c of [this.pub, this.sub]) {
      c.on('close', () => {
        if (this.connected) this.resyncDue = true;
      });
      c.on('ready', () => void this.resyncWhenBack());
    }
  }

  async connect(): Promise<void> {
    await Promise.all([this.pub.connect(), this.sub.connect()]);
    this.connected = true;
  }

  /**
   * Resyncs once both connections are back: a sync request published while the publisher is still
   * reconnecting would be dropped (no offline queue), and one sent before our subscriptions are
   * restored could not hear its answer. A PING on the subscriber returns only after the
   * re-subscriptions ioredis sent ahead of it.
   */
  private async resyncWhenBack(): Promise<void> {
    if (!this.resyncDue || this.pub.status !== 'ready' || this.sub.status !== 'ready') return;
    this.resyncDue = false;
    try {
      await this.sub.ping();
    } catch {
      this.resyncDue = true; // dropped again: the next 'ready' tries again
      return;
    }
    log.info('redis connections back: resyncing documents with the other nodes');
    this.onReconnect?.();
  }

  /** After an outage, documents may have missed each other's updates: the owner resyncs them. */
  setReconnectHandler(fn: () => void): void {
    this.onReconnect = fn;
  }

  async ping(): Promise<'ok' | 'error'> {
    try {
      return (await this.pub.ping()) === 'PONG' ? 'ok' : 'error';
    } catch {
      return 'error';
    }
  }

  async subscribe(docName: string, handler: BusHandler): Promise<void> {
    this.handlers.set(docName, handler);
    await this.sub.subscribe(CHANNEL_PREFIX + docName);
  }

  /** Calls `handler` whenever anything is published on `channel` (by any process). */
  async onSignal(channel: string, handler: () => void): Promise<void> {
    this.signals.set(channel, handler);
    await this.sub.subscribe(channel);
  }

  async unsubscribe(docName: string): Promise<void> {
    this.handlers.delete(docName);
    await this.sub.unsubscribe(CHANNEL_PREFIX + docName).catch(() => undefined);
  }

  publish(docName: string, kind: BusKind, payload: Uint8Array, to = ''): void {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.nodeId);
    encoding.writeVarUint(e, kind);
    encoding.writeVarString(e, to);
    encoding.writeVarUint8Array(e, payload);
    this.pub.publish(CHANNEL_PREFIX + docName, Buffer.from(encoding.toUint8Array(e))).catch((err: Error) => {
      this.metrics.redisPublishErrors.inc();
      log.warn({ err: err.message, docName }, 'redis publish failed');
    });
  }

  private dispatch(channel: string, message: Buffer): void {
    const signal = this.signals.get(channel);
    if (signal) return signal();
    if (!channel.startsWith(CHANNEL_PREFIX)) return;
    const handler = this.handlers.get(channel.slice(CHANNEL_PREFIX.length));
    if (!handler) return;
    try {
      const d = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      const from = decoding.readVarString(d);
      if (from === this.nodeId) return;
      const kind = decoding.readVarUint(d) as BusKind;
      const to = decoding.readVarString(d);
      if (to && to !== this.nodeId) return;
      handler({ from, kind, to, payload: decoding.readVarUint8Array(d) });
    } catch (err) {
      log.error({ err, channel }, 'bad message on redis channel');
    }
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.signals.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
