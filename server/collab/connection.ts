import type { Writable } from 'node:stream';
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { logger } from '@/lib/logger';
import type { CollabDoc } from './collab-doc';
import type { CollabContext, CollabIdentity } from './context';
import { guardAwareness } from './awareness-guard';
import { awarenessMessage, MessageType, SyncType } from '@/lib/collab/protocol';

/** Documents up to this size (its estimate: approxBytes) are sent whole with the greeting. */
const GREETING_STATE_MAX_BYTES = 16 * 1024;

const log = logger.child({ component: 'collab-connection' });

/** One client WebSocket on one document. */
export class CollabConnection {
  closed = false;
  /** Set when closed for abuse: whatever it sent in the same tick is discarded too. */
  abusive = false;
  alive = true;
  private started = false;
  /** The greeting held the whole document: the client's first sync step 1 needs no answer. */
  private greetedWithState = false;
  /** What arrived before the document was loaded; made on the first such message. */
  private queued: Uint8Array[] | null = null;
  // Made on first use: most connections of a crowd never announce a cursor.
  private ids: Set<number> | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly doc: CollabDoc,
    readonly identity: CollabIdentity,
    readonly readOnly: boolean,
    private readonly ctx: CollabContext,
  ) {}

  /** Awareness client ids this connection announced, removed when it goes. */
  get awarenessIds(): Set<number> {
    return (this.ids ??= new Set<number>());
  }

  /** Sends unless the socket has fallen too far behind, in which case it is dropped (it resyncs on reconnect). */
  send(message: Uint8Array): void {
    if (!this.writable()) return;
    this.ws.send(message, { binary: true });
  }

  /**
   * Writes bytes that are already whole WebSocket frames (see frames.ts) straight to the socket:
   * a broadcast is framed once for all clients and costs one write per client, where ws.send
   * makes a header per client and a corked two-buffer writev. Safe to mix with send(): with
   * permessage-deflate off ws's sender never queues, so both write to the socket in call order.
   */
  sendFrames(frames: Buffer): void {
    if (!this.writable()) return;
    (this.ws as unknown as { _socket: Writable })._socket.write(frames);
  }

  private writable(): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    if (this.ws.bufferedAmount > this.ctx.config.maxBufferedBytes) {
      this.ctx.metrics.closed.inc({ reason: 'slow_consumer' });
      log.info(
        { doc: this.doc.name, subject: this.identity.subject, buffered: this.ws.bufferedAmount },
        'slow consumer disconnected',
      );
      this.closed = true;
      // A close frame would queue behind the backlog; the socket goes now.
      this.ws.terminate();
      return false;
    }
    return true;
  }

  close(code: number, reason: string, metricReason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ctx.metrics.closed.inc({ reason: metricReason });
    if (code >= 4400 && code < 4500) this.abusive = code !== CollabCloseCode.accessRevoked;
    this.ws.close(code, reason);
    // A peer that never answers the close handshake must not hold the socket.
    setTimeout(() => this.ws.terminate(), 5000).unref();
  }

  /** The document is loaded: greet the client as the y-websocket server does, then handle what it already sent. */
  start(): void {
    if (this.closed) return;
    this.started = true;
    this.send(this.doc.syncStep1());
    // A small document goes with the greeting: the client is in sync a round trip sooner (the
    // server no longer waits for its sync step 1 to answer it), and that step 1, when it comes,
    // needs no answer: the client then lacks nothing, as every later change is broadcast to it.
    // A large one is not sent whole to clients that may hold most of it (reconnects, stored copies).
    if (this.doc.approxBytes <= GREETING_STATE_MAX_BYTES) {
      this.send(this.doc.fullState());
      this.greetedWithState = true;
    }
    const states = this.doc.awareness.getStates();
    if (states.size > 0) this.send(awarenessMessage(encodeAwarenessUpdate(this.doc.awareness, [...states.keys()])));
    const queued = this.queued;
    this.queued = null;
    for (const m of queued ?? []) this.handle(m);
  }

  onMessage(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    if (this.closed) return;
    if (!isBinary || !Buffer.isBuffer(data))
      return this.close(CollabCloseCode.badMessage, 'binary y-websocket messages only', 'bad_message');
    if (!this.ctx.rateLimiter.take(this.identity.subject)) {
      log.warn({ doc: this.doc.name, subject: this.identity.subject }, 'rate limit exceeded: closing');
      return this.close(CollabCloseCode.rateLimited, 'too many messages', 'rate_limited');
    }
    const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (!this.started) (this.queued ??= []).push(message);
    else this.handle(message);
  }

  private handle(message: Uint8Array): void {
    if (this.closed) return;
    try {
      const d = decoding.createDecoder(message);
      const type = decoding.readVarUint(d);
      switch (type) {
        case MessageType.sync: {
          const syncType = decoding.readVarUint(d);
          const payload = decoding.readVarUint8Array(d);
          if (syncType === SyncType.step1) {
            if (!this.greetedWithState) return this.send(this.doc.syncStep2For(payload));
            // Answered by the greeting (start()); a later step 1 (a client's periodic resync) is answered.
            this.greetedWithState = false;
            return;
          }
          if (syncType !== SyncType.step2 && syncType !== SyncType.update) throw new Error('unknown sync message');
          if (this.readOnly) {
            // A read-only client's edits stay on its screen only.
            this.ctx.metrics.readOnlyDropped.inc();
            return;
          }
          // An empty update (two zero bytes: every client's first sync step 2) adds nothing to save.
          if (payload.length > 2 && this.ctx.unsaved.full) {
            return this.close(CollabCloseCode.storageUnavailable, 'database unavailable: retry later', 'unsaved_full');
          }
          return this.doc.receive(this, payload);
        }
        case MessageType.awareness: {
          const verdict = guardAwareness(this, decoding.readVarUint8Array(d), this.ctx.config.maxAwarenessBytes);
          if (!verdict.ok) {
            log.info(
              { doc: this.doc.name, subject: this.identity.subject, reason: verdict.reason },
              'awareness refused: closing',
            );
            return this.close(CollabCloseCode.badMessage, verdict.reason, 'bad_awareness');
          }
          if (verdict.update) applyAwarenessUpdate(this.doc.awareness, verdict.update, this);
          return;
        }
        case MessageType.queryAwareness: {
          const states = this.doc.awareness.getStates();
          return this.send(awarenessMessage(encodeAwarenessUpdate(this.doc.awareness, [...states.keys()])));
        }
        default:
          throw new Error(`unknown message type ${type}`);
      }
    } catch (err) {
      log.info(
        { doc: this.doc.name, subject: this.identity.subject, err: (err as Error).message },
        'malformed message: closing',
      );
      this.close(CollabCloseCode.badMessage, 'malformed message', 'bad_message');
    }
  }
}
