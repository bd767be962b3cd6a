import { logger } from '@/lib/logger';
import type { CollabIdentity } from './context';

const log = logger.child({ component: 'collab-hooks' });

// Notes features that run on the collab server plug in here, in the manner of Hocuspocus's
// extensions: each hook sees one moment of a document's life. Hooks run after the server has done
// its own work (auth, limits, validation, persistence) and cannot veto it; they are called in
// order and a hook that throws is logged, never allowed to break the server.

export interface ConnectionEvent {
  docName: string;
  identity: CollabIdentity;
  readOnly: boolean;
}

export interface ChangeEvent {
  docName: string;
  /** The validated update the document gained (as stored and broadcast). */
  update: Uint8Array;
  /** 'clients' for this node's clients (this node stores it), 'nodes' for other nodes' through Redis. */
  origin: 'clients' | 'nodes';
}

export interface StoreEvent {
  docName: string;
  /** Log rows just committed for this document. */
  rows: number;
}

export interface CollabHooks {
  /** A connection was accepted and its document is loading. */
  onConnect?(event: ConnectionEvent): void;
  /** A document gained content. */
  onChange?(event: ChangeEvent): void;
  /** A document's updates were committed to the database. */
  onStoreDocument?(event: StoreEvent): void;
  /** A connection closed. */
  onDisconnect?(event: ConnectionEvent): void;
  /** The server is closing (awaited, after the last updates were stored). */
  onDestroy?(): Promise<void> | void;
}

type EventHook = Exclude<keyof CollabHooks, 'onDestroy'>;

/** Calls one hook of every extension with the event. */
export function callHooks<K extends EventHook>(
  hooks: readonly CollabHooks[],
  name: K,
  event: Parameters<NonNullable<CollabHooks[K]>>[0],
): void {
  for (const h of hooks) {
    const fn = h[name] as ((e: typeof event) => void) | undefined;
    if (!fn) continue;
    try {
      fn.call(h, event);
    } catch (err) {
      log.error({ err, hook: name }, 'collab hook failed');
    }
  }
}
