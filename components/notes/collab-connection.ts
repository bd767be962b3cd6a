'use client';

import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { writeSyncStep1 } from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import type { CollabTokenGrant } from '@/lib/collab/collab-grant';
import { MessageType, SyncType } from '@/lib/collab/protocol';
import { mark } from '@/lib/browser/mark';
import { callApi } from '@/lib/http/client-api';
import { decodeSavedState, encodeSavedState, SAVED_SNAPSHOT_KEY, updateCoveredBy } from './saved-state';

// One open notes document in the browser: the Y.Doc, its copy in IndexedDB (offline edits survive
// reloads), the WebSocket provider with a token that is refreshed before it expires, and an
// honest account of whether local edits have reached the server.

export type ConnectionPhase = 'loading' | 'connecting' | 'synced' | 'saving' | 'offline' | 'reconnecting' | 'no-access';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** The server says this person may only read (or the token could not be had and nothing is known). */
  readOnly: boolean;
  /** The local copy (IndexedDB) was loaded, so the editor can show what this browser kept. */
  localLoaded: boolean;
  /** The server's state was received at least once in this page view. */
  everSynced: boolean;
  /** Local changes the server has not acknowledged yet. */
  unsaved: number;
}

type Grant = CollabTokenGrant;

// Cross-tab BroadcastChannel sync is off: its step 2 messages would be mistaken for the server's
// acknowledgements. Tabs still meet through the server and share IndexedDB.
const ACCESS_REVOKED = CollabCloseCode.accessRevoked;
const MESSAGE_SYNC = MessageType.sync;
const SYNC_STEP1 = SyncType.step1;
const SYNC_STEP2 = SyncType.step2;

export class CollabConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly local: IndexeddbPersistence | null;
  private state: ConnectionState;
  private listeners = new Set<(s: ConnectionState) => void>();
  private grant: Grant | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Count of local changes made, and the highest count the server has acknowledged. */
  private localSeq = 0;
  private ackedSeq = 0;
  /** One entry per sync step 1 sent on the current socket: the local count it acknowledges. */
  private awaitingStep2: number[] = [];
  private hadConnection = false;
  private destroyed = false;
  /** Updates the local copy restored, kept until it is known whether the server has them. */
  private restored: Uint8Array[] | null = [];
  private rememberTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly opts: {
      sessionId: string;
      docName: string;
      canEdit: boolean;
      localName: string;
      /** A token that came with the page, used for the first connection while it is fresh. */
      initialGrant?: Grant | null;
    },
  ) {
    this.state = { phase: 'loading', readOnly: !opts.canEdit, localLoaded: false, everSynced: false, unsaved: 0 };
    this.provider = new WebsocketProvider(this.guessUrl(), opts.docName, this.doc, {
      connect: false,
      disableBc: true,
      maxBackoffTime: 5000,
    });
    // Asked before the database is opened (which creates it): IndexedDB answers in order.
    const noLocalCopy = typeof indexedDB === 'undefined' ? null : hasNoDatabase(opts.localName);
    this.local = typeof indexedDB === 'undefined' ? null : new IndexeddbPersistence(opts.localName, this.doc);
    // Only what the local copy adds beyond what the server is known to have counts as unsaved.
    // Counting the whole document instead took the server's content for local edits whenever the
    // server answered before IndexedDB did ("Saving…" forever), and claimed "edits kept on this
    // device" after an offline reload when nothing had been typed.
    mark('connection-created');
    const markLoaded = () => {
      if (this.state.localLoaded) return;
      mark('local-loaded');
      this.set({ localLoaded: true });
    };
    if (this.local) {
      const local = this.local;
      // A browser that never kept these notes has nothing to load: on a first visit, creating the
      // empty database and reading it took 100-200 ms, the last step before the editor was ready.
      // What another tab may write into it meanwhile still merges in when it is read.
      void noLocalCopy?.then((none) => none && markLoaded());
      void local.whenSynced
        .then(async () => decodeSavedState(await local.get(SAVED_SNAPSHOT_KEY).catch(() => null)))
        .then((saved) => {
          const unsaved = (this.restored ?? []).some((u) => !saved || !updateCoveredBy(u, saved));
          this.restored = null;
          if (unsaved) this.countLocalChange();
          markLoaded();
        });
      setTimeout(markLoaded, 2500); // IndexedDB blocked or very slow
    } else markLoaded();

    this.doc.on('update', this.onUpdate);
    this.wrapSyncHandler();
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.onSync);
    this.provider.on('closed', this.onClosed);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    void this.start();
  }

  get current(): ConnectionState {
    return this.state;
  }

  subscribe(listener: (s: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    for (const t of [this.refreshTimer, this.pingTimer, this.retryTimer, this.rememberTimer]) if (t) clearTimeout(t);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.doc.off('update', this.onUpdate);
    this.provider.destroy();
    void this.local?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private set(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch };
    next.unsaved = Math.max(0, this.localSeq - this.ackedSeq);
    next.phase = this.phaseOf(next);
    const changed = (Object.keys(next) as (keyof ConnectionState)[]).some((k) => next[k] !== this.state[k]);
    const nowSaved = next.phase === 'synced' && this.state.phase !== 'synced';
    this.state = next;
    if (nowSaved) this.rememberSaved();
    if (changed) for (const l of this.listeners) l(next);
  }

  private phaseOf(s: ConnectionState): ConnectionPhase {
    if (s.phase === 'no-access') return 'no-access';
    if (!s.localLoaded) return 'loading';
    // A reader's changes are dropped by the server: it has nothing to save, whatever it holds.
    if (this.provider.wsconnected && this.provider.synced) return s.unsaved > 0 && !s.readOnly ? 'saving' : 'synced';
    if (typeof navigator !== 'undefined' && !navigator.onLine) return 'offline';
    if (!this.hadConnection) return this.grant || this.provider.wsconnecting ? 'connecting' : 'offline';
    return 'reconnecting';
  }

  private guessUrl(): string {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return `${proto}//${location.host}/collab`;
  }

  private async start(): Promise<void> {
    if (typeof navigator !== 'undefined' && !navigator.onLine) return this.set({});
    const initial = this.opts.initialGrant;
    const grant = initial && grantFresh(initial) ? this.useGrant(initial) : await this.fetchGrant();
    if (!grant || this.destroyed) return;
    mark('ws-connect');
    this.provider.connect();
    this.set({});
  }

  /** Gets (or refreshes) the collab token; null when offline or refused. */
  private async fetchGrant(): Promise<Grant | null> {
    try {
      const res = await callApi<Grant>(`/api/sessions/${encodeURIComponent(this.opts.sessionId)}/collab-token`, {
        method: 'POST',
      });
      if (!res.ok && (res.status === 404 || res.status === 403 || res.status === 401)) {
        this.set({ phase: 'no-access', readOnly: true });
        this.provider.disconnect();
        return null;
      }
      if (!res.ok) throw new Error(`collab token: ${res.status}`);
      return this.useGrant(res.data);
    } catch {
      // Network down or server unreachable: keep editing locally and try again soon.
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void (this.provider.shouldConnect ? this.fetchGrant() : this.start()), 5_000);
      this.set({});
      return null;
    }
  }

  /** Connects with this grant from now on and fetches the next one before it expires. */
  private useGrant(grant: Grant): Grant {
    this.grant = grant;
    this.provider.serverUrl = grant.url;
    this.provider.params = { token: grant.token };
    this.set({ readOnly: grant.readOnly || !this.opts.canEdit });
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    const ms = Math.max(5_000, new Date(grant.expiresAt).getTime() - Date.now() - 60_000);
    this.refreshTimer = setTimeout(() => void this.fetchGrant(), ms);
    return grant;
  }

  private grantExpiringSoon(): boolean {
    return !this.grant || !grantFresh(this.grant);
  }

  /**
   * Counts every change the server did not send: typing, and what the local copy restored (the
   * provider forwards both). A restored update that the server already sent adds nothing, and
   * Yjs emits no update for it.
   */
  private onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) {
      // Others' changes are on the server: note that now and then (a snapshot walks the document).
      if (this.state.phase === 'synced' && !this.rememberTimer)
        this.rememberTimer = setTimeout(() => this.rememberSaved(), 2000);
      return;
    }
    if (origin === this.local && this.restored) {
      this.restored.push(update);
      return;
    }
    this.countLocalChange();
  };

  private countLocalChange(): void {
    this.localSeq++;
    this.set({});
    if (this.pingTimer) clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => this.ping(), 200);
  }

  /** Records, beside the local copy, that the server has everything this document holds now. */
  private rememberSaved(): void {
    if (this.rememberTimer) clearTimeout(this.rememberTimer);
    this.rememberTimer = null;
    if (!this.local || this.destroyed || this.state.readOnly || this.state.phase !== 'synced') return;
    void this.local.set(SAVED_SNAPSHOT_KEY, encodeSavedState(this.doc)).catch(() => undefined);
  }

  /**
   * Asks the server for its state (sync step 1). It answers every step 1 with a step 2, in order,
   * after it has applied what this socket sent before: so the answer acknowledges those changes.
   */
  private ping(): void {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.provider.wsconnected || this.localSeq <= this.ackedSeq) return;
    if (this.awaitingStep2.length > 0 && this.awaitingStep2[this.awaitingStep2.length - 1]! >= this.localSeq) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    writeSyncStep1(encoder, this.doc);
    ws.send(encoding.toUint8Array(encoder));
    this.awaitingStep2.push(this.localSeq);
  }

  private wrapSyncHandler(): void {
    const original = this.provider.messageHandlers[MESSAGE_SYNC];
    if (!original) return;
    this.provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
      const syncType = peekVarUint(decoder);
      original(encoder, decoder, provider, emitSynced, messageType);
      if (syncType === SYNC_STEP2) {
        const acked = this.awaitingStep2.shift();
        if (acked !== undefined && acked > this.ackedSeq) this.ackedSeq = acked;
        if (!this.state.everSynced) mark('synced');
        this.set({ everSynced: true });
        if (this.localSeq > this.ackedSeq) this.schedulePing();
      } else if (syncType === SYNC_STEP1) {
        // The provider answers with our step 2 (what we have that the server lacks, e.g. offline
        // edits) right after this handler returns; ask for an acknowledgement after that.
        this.schedulePing();
      }
    };
  }

  private schedulePing(): void {
    setTimeout(() => this.ping(), 0);
  }

  private onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    if (status === 'connected') {
      mark('ws-open');
      this.hadConnection = true;
      // The provider sent its own sync step 1 on open; its answer acknowledges nothing new. (A small
      // document comes whole with the server's greeting instead, and that first step 1 gets no
      // answer of its own: the greeting's step 2 takes this entry, and later answers stay in order.)
      this.awaitingStep2 = [this.ackedSeq];
    } else if (status === 'disconnected') {
      this.awaitingStep2 = [];
      if (this.grantExpiringSoon() && navigator.onLine) void this.fetchGrant();
    }
    this.set({});
  };

  private onSync = () => this.set({});

  /**
   * The server closed us for good (4400-4499). Access changed (4403): get a new token, maybe with
   * other rights, and come back. Anything else stays closed and is shown as such.
   */
  private onClosed = ({ code }: { code: number }) => {
    if (code === ACCESS_REVOKED) void this.fetchGrant().then((g) => g && this.provider.connect());
    this.set({});
  };

  private onOnline = () => {
    void (this.grantExpiringSoon() ? this.fetchGrant() : Promise.resolve(this.grant)).then((g) => {
      if (g && !this.destroyed) this.provider.connect();
      this.set({});
    });
  };

  private onOffline = () => {
    // Do not wait for the socket to time out: say "offline" now and keep editing locally.
    this.provider.disconnect();
    this.set({});
  };
}

/** True when the browser lists its databases and this one is not among them. */
async function hasNoDatabase(name: string): Promise<boolean> {
  try {
    if (typeof indexedDB.databases !== 'function') return false;
    return !(await indexedDB.databases()).some((d) => d.name === name);
  } catch {
    return false;
  }
}

/** More than 30 s left: a page restored from the back/forward cache may carry a stale one. */
function grantFresh(grant: Grant): boolean {
  return new Date(grant.expiresAt).getTime() - Date.now() >= 30_000;
}

function peekVarUint(decoder: decoding.Decoder): number {
  const copy = decoding.clone(decoder);
  return decoding.readVarUint(copy);
}
