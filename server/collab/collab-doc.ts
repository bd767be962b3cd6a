import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { logger } from '@/lib/logger';
import { CollabConnection } from './connection';
import type { CollabContext } from './context';
import { awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from '@/lib/collab/protocol';
import { callHooks } from './hooks';
import { BusKind, type BusMessage } from './redis-bus';
import { binaryFrames } from './frames';
import { decodesAsUpdate, SchemaGuard, type SchemaViolation } from './schema-guard';

const log = logger.child({ component: 'collab-doc' });

// Transaction origins: what the doc's update event should do with the change.
const FROM_CLIENTS = Symbol('clients'); // persist, publish to other nodes, broadcast
const FROM_NODES = Symbol('nodes'); // broadcast to our clients only
const FROM_STORAGE = Symbol('storage'); // nothing: clients sync on connect

interface Incoming {
  conn: CollabConnection;
  update: Uint8Array;
  at: number;
}

/**
 * One document in memory with its connections. Everything that arrives during one event-loop
 * turn is handled together in flush(): client updates are checked and applied in one
 * transaction; what the document actually gained is encoded once and the same bytes go to every
 * client, to the log and to the other nodes. Awareness changes are batched the same way.
 */
export class CollabDoc {
  readonly ydoc = new Y.Doc();
  readonly awareness = new Awareness(this.ydoc);
  private readonly guard = new SchemaGuard(this.ydoc);
  readonly conns = new Set<CollabConnection>();
  readonly ready: Promise<void>;
  loaded = false;
  destroyed = false;
  /** Encoded size estimate: state at load plus everything applied since (deletions are not subtracted). */
  approxBytes = 0;
  logRows = 0;
  compacting = false;
  idleTimer: NodeJS.Timeout | null = null;

  private incoming: Incoming[] = [];
  private incomingBytes = 0;
  private fromNodes: Uint8Array[] = [];
  private emitted: { update: Uint8Array; fromClients: boolean }[] = [];
  private awarenessFromClients = new Set<number>();
  private awarenessFromNodes = new Set<number>();
  private scheduled = false;
  private fullStateMessage: Uint8Array | null = null;

  constructor(
    readonly name: string,
    private readonly ctx: CollabContext,
  ) {
    // The server is not a participant: it announces no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullStateMessage = null;
      if (origin === FROM_STORAGE) return;
      this.emitted.push({ update, fromClients: origin === FROM_CLIENTS });
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const fromNode = origin === FROM_NODES || origin === 'timeout';
        const target = fromNode ? this.awarenessFromNodes : this.awarenessFromClients;
        for (const id of added) target.add(id);
        for (const id of updated) target.add(id);
        for (const id of removed) target.add(id);
        if (origin instanceof CollabConnection) {
          for (const id of added) origin.awarenessIds.add(id);
          for (const id of removed) origin.awarenessIds.delete(id);
        }
        this.schedule();
      },
    );
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    // Subscribe before reading storage so nothing published meanwhile is missed; what other nodes
    // held but had not yet stored arrives in answer to our sync request.
    await this.ctx.bus?.subscribe(this.name, (m) => this.onBus(m));
    const stored = await this.ctx.updateLog.load(this.name);
    if (this.destroyed) return;
    if (stored.state) Y.applyUpdate(this.ydoc, stored.state, FROM_STORAGE);
    this.approxBytes = stored.state?.length ?? 0;
    this.logRows = stored.logRows;
    this.loaded = true;
    this.requestSyncFromNodes();
    this.schedule();
  }

  /** Asks every other node holding this document for what we lack. */
  requestSyncFromNodes(): void {
    this.ctx.bus?.publish(this.name, BusKind.syncRequest, Y.encodeStateVector(this.ydoc));
  }

  syncStep1(): Uint8Array {
    return syncStep1Message(Y.encodeStateVector(this.ydoc));
  }

  /** The whole document as a sync step 2 message, encoded once per state (greetings, reconnect storms). */
  fullState(): Uint8Array {
    return (this.fullStateMessage ??= syncStep2Message(Y.encodeStateAsUpdate(this.ydoc)));
  }

  /** The reply to a client's sync step 1; a client with nothing gets the cached full state. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (stateVector.length === 1 && stateVector[0] === 0) return this.fullState();
    return syncStep2Message(Y.encodeStateAsUpdate(this.ydoc, stateVector));
  }

  /** A read-write client's update: queued for this turn's batch. */
  receive(conn: CollabConnection, update: Uint8Array): void {
    if (this.approxBytes + this.incomingBytes + update.length > this.ctx.config.maxDocBytes) {
      log.warn(
        { doc: this.name, subject: conn.identity.subject, approxBytes: this.approxBytes },
        'document size limit reached',
      );
      conn.close(CollabCloseCode.documentTooLarge, 'document too large', 'document_too_large');
      return;
    }
    this.ctx.metrics.updatesReceived.inc();
    this.incoming.push({ conn, update, at: Date.now() });
    this.incomingBytes += update.length;
    this.schedule();
  }

  private onBus(m: BusMessage): void {
    if (this.destroyed) return;
    switch (m.kind) {
      case BusKind.update:
      case BusKind.syncReply:
        this.fromNodes.push(m.payload);
        this.schedule();
        return;
      case BusKind.awareness:
        applyAwarenessUpdate(this.awareness, m.payload, FROM_NODES);
        return;
      case BusKind.syncRequestBack:
      case BusKind.syncRequest: {
        if (!this.loaded) return;
        const diff = Y.encodeStateAsUpdate(this.ydoc, m.payload);
        // An empty diff is two zero bytes: nothing to say.
        if (diff.length > 2) this.ctx.bus?.publish(this.name, BusKind.syncReply, diff, m.from);
        if (m.kind === BusKind.syncRequestBack) return;
        // Two-way: the requester may hold what we lack (both sides edited through a Redis outage).
        this.ctx.bus?.publish(this.name, BusKind.syncRequestBack, Y.encodeStateVector(this.ydoc), m.from);
        const ids = [...this.awareness.getStates().keys()];
        if (ids.length)
          this.ctx.bus?.publish(this.name, BusKind.awareness, encodeAwarenessUpdate(this.awareness, ids), m.from);
        return;
      }
    }
  }

  private schedule(): void {
    if (this.scheduled || !this.loaded || this.destroyed) return;
    this.scheduled = true;
    // setImmediate runs after the current I/O phase: every message read from every socket in
    // this turn is in the batch.
    setImmediate(() => this.flush());
  }

  /** Handles everything queued since the last turn (also called directly before shutdown). */
  flush(): void {
    this.scheduled = false;
    if (!this.loaded || this.destroyed) return;
    const incoming = this.incoming;
    const fromNodes = this.fromNodes;
    this.incoming = [];
    this.incomingBytes = 0;
    this.fromNodes = [];
    this.emitted = [];

    let arrivedAt = Date.now();
    // The one client whose updates make up this turn's change, if there is one: it has them already.
    let soleSender: CollabConnection | null = null;
    if (incoming.length > 0) {
      const accepted = this.validate(incoming.filter((i) => !i.conn.abusive));
      if (accepted.length > 0) {
        arrivedAt = Math.min(...accepted.map((i) => i.at));
        soleSender = accepted.every((i) => i.conn === accepted[0]!.conn) ? accepted[0]!.conn : null;
        try {
          // One transaction, each update applied as it came: merging them first decodes and
          // re-encodes the batch only to decode it again.
          this.ydoc.transact((tr) => {
            for (const i of accepted) Y.applyUpdate(this.ydoc, i.update, FROM_CLIENTS);
            const violations = this.guard.check(tr);
            if (violations.length > 0) this.refuse(tr, violations, accepted);
          }, FROM_CLIENTS);
        } catch (err) {
          // Decoded cleanly yet failed to integrate (a crafted update can name an origin its own
          // client never wrote): nothing of it has been stored or sent, so drop the in-memory copy
          // and let everyone resync from the log.
          log.error({ err, doc: this.name }, 'update failed to apply to the document: reloading it');
          for (const i of accepted) i.conn.close(CollabCloseCode.badMessage, 'invalid update', 'invalid_update');
          this.ctx.reloadDoc(this.name);
          return;
        }
        this.ctx.metrics.broadcastBatch.observe(accepted.length);
      }
    }
    if (fromNodes.length > 0) {
      soleSender = null;
      try {
        Y.applyUpdate(this.ydoc, fromNodes.length === 1 ? fromNodes[0]! : Y.mergeUpdates(fromNodes), FROM_NODES);
      } catch (err) {
        log.error({ err, doc: this.name }, 'update from another node failed to apply');
      }
    }

    // This turn's messages for every client (the document's change, then awareness) go out
    // framed once, back to back, in one write per client.
    const outgoing: Uint8Array[] = [];
    const emitted = this.emitted;
    this.emitted = [];
    if (emitted.length > 0) {
      for (const e of emitted) {
        this.approxBytes += e.update.length;
        if (!e.fromClients) continue;
        // Only the node whose client sent an update stores it: each update is logged once.
        this.ctx.updateLog.append(this.name, e.update, arrivedAt);
        this.ctx.bus?.publish(this.name, BusKind.update, e.update);
      }
      const update = emitted.length === 1 ? emitted[0]!.update : Y.mergeUpdates(emitted.map((e) => e.update));
      outgoing.push(updateMessage(update));
      if (this.ctx.hooks.length > 0) {
        for (const e of emitted)
          callHooks(this.ctx.hooks, 'onChange', {
            docName: this.name,
            update: e.update,
            origin: e.fromClients ? 'clients' : 'nodes',
          });
      }
    } else {
      // No document message: the first message (if any) is awareness, which the sender needs too.
      soleSender = null;
    }

    if (this.awarenessFromClients.size > 0 || this.awarenessFromNodes.size > 0) {
      const fromClients = [...this.awarenessFromClients];
      const all = [...new Set([...fromClients, ...this.awarenessFromNodes])];
      this.awarenessFromClients.clear();
      this.awarenessFromNodes.clear();
      const encoded = encodeAwarenessUpdate(this.awareness, all);
      outgoing.push(awarenessMessage(encoded));
      if (fromClients.length > 0) {
        this.ctx.bus?.publish(
          this.name,
          BusKind.awareness,
          fromClients.length === all.length ? encoded : encodeAwarenessUpdate(this.awareness, fromClients),
        );
      }
    }
    if (outgoing.length > 0) this.broadcast(outgoing, soleSender);
  }

  /**
   * Takes back, inside the transaction that applied them, the updates that broke the notes schema:
   * every item each offending update brought is deleted before the transaction ends, so what is
   * stored and sent on holds no trace of their content (only empty tombstones), and their senders
   * are closed. The rest of the batch stands. The refused updates' deletions do stand: deleting is
   * any member's right, and versions keep what was there.
   */
  private refuse(tr: Y.Transaction, violations: SchemaViolation[], batch: Incoming[]): void {
    const offenders = batch.filter((i) => {
      const { from, to } = Y.parseUpdateMeta(i.update);
      return violations.some(
        ({ item: { id } }) => id.clock >= (from.get(id.client) ?? Infinity) && id.clock < (to.get(id.client) ?? 0),
      );
    });
    for (const i of offenders) {
      const { from, to } = Y.parseUpdateMeta(i.update);
      for (const [client, clock] of from) {
        for (const item of this.guard.newItemsOf(tr, client, clock, to.get(client))) item.delete(tr);
      }
    }
    // Items of no update in this batch: held back by Yjs for a missing dependency until now.
    for (const v of violations) v.item.delete(tr);
    for (const i of offenders) {
      const reasons = [...new Set(violations.map((v) => v.reason))].slice(0, 5);
      log.warn(
        { doc: this.name, subject: i.conn.identity.subject, reasons },
        'update outside the notes schema: refused',
      );
      i.conn.close(CollabCloseCode.schemaViolation, 'update outside the notes schema', 'schema_violation');
    }
  }

  /**
   * Drops the updates that do not decode, closing their senders; the rest go on to be applied.
   * Decoding is all an empty scratch document used to check (an update's items lack their
   * neighbours there, so Yjs only decoded and parked them), at a hundredth of the cost.
   */
  private validate(batch: Incoming[]): Incoming[] {
    return batch.filter((i) => {
      if (decodesAsUpdate(i.update)) return true;
      log.warn({ doc: this.name, subject: i.conn.identity.subject }, 'invalid Yjs update: closing');
      i.conn.close(CollabCloseCode.badMessage, 'invalid update', 'invalid_update');
      return false;
    });
  }

  /**
   * Frames the messages once and writes the same bytes to every client; `sender`, whose own
   * edits the first message holds, gets only the rest (as Yjs clients, it has them already).
   */
  broadcast(messages: readonly Uint8Array[], sender: CollabConnection | null = null): void {
    if (this.conns.size === 0) return;
    const frames = binaryFrames(messages);
    const forSender = sender && messages.length > 1 ? binaryFrames(messages.slice(1)) : null;
    for (const c of this.conns) {
      if (c !== sender) c.sendFrames(frames);
      else if (forSender) c.sendFrames(forSender);
    }
  }

  addConnection(conn: CollabConnection): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    this.conns.add(conn);
  }

  removeConnection(conn: CollabConnection): void {
    if (!this.conns.delete(conn)) return;
    if (conn.awarenessIds.size > 0 && !this.destroyed)
      removeAwarenessStates(this.awareness, [...conn.awarenessIds], 'closed');
    if (this.conns.size === 0) this.ctx.docIdle(this.name);
  }

  /** Nothing received is still waiting to be applied. */
  get quiet(): boolean {
    return this.incoming.length === 0 && this.fromNodes.length === 0;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    void this.ctx.bus?.unsubscribe(this.name);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
