import * as decoding from 'lib0/decoding';
import type * as YType from 'yjs';
import WebSocket from 'ws';
import { signCollabToken } from '@/lib/auth/collab-token';
import { Y } from '@/lib/editor/server-yjs';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { CollabCloseCode } from './close-codes';
import { COLLAB_PATH, MessageType, SyncType, syncStep1Message, syncStep2Message, updateMessage } from './protocol';

// Server-side edits (imports) reach a document the way a browser's do: as a y-websocket client of
// the collaboration server, so people in the document see them live and the server stays the only
// writer of document state. Only the sync messages of y-protocols are spoken (awareness is
// ignored), with the shared encoders of ./protocol (lib0 only), so no second copy of Yjs comes in.

const REMOTE = Symbol('collab-server');
const LOOPBACK = new Set(['0.0.0.0', '::', '127.0.0.1', 'localhost', '::1', '']);

/**
 * Where this process reaches the collab endpoint: COLLAB_INTERNAL_URL when set; else this very
 * server (`npm start` serves /collab on PORT); else, on a web-only node (COLLAB_ENABLED=0), the
 * public collab URL.
 */
export function internalCollabUrl(): string {
  const e = env();
  if (e.COLLAB_INTERNAL_URL) return e.COLLAB_INTERNAL_URL.replace(/\/$/, '');
  if (e.COLLAB_ENABLED === '1')
    return `ws://${LOOPBACK.has(e.HOST) ? '127.0.0.1' : e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}${COLLAB_PATH}`;
  if (e.COLLAB_PUBLIC_URL) return e.COLLAB_PUBLIC_URL.replace(/\/$/, '');
  throw new AppError('internal', 'Set COLLAB_INTERNAL_URL: this node runs without the collaboration server');
}

/** Whether a state (as an encoded update) holds everything the local document has. */
function covers(serverState: Uint8Array, doc: YType.Doc): boolean {
  const theirs = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(serverState));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(doc)))
    if ((theirs.get(client) ?? 0) < clock) return false;
  return true;
}

export interface EditThroughCollabOptions {
  docName: string;
  /** The acting user; the collab server checks again that they may write. */
  userId: string;
  /** Runs once the document is synced, inside one transaction. */
  edit: (doc: YType.Doc) => void;
  timeoutMs?: number;
  url?: string;
}

/**
 * Connects to the collab server as the user, syncs the document, applies `edit` as one
 * transaction and resolves once the server holds the change (a full-state answer covers it).
 */
export function editThroughCollab(opts: EditThroughCollabOptions): Promise<void> {
  const { token } = signCollabToken({ userId: opts.userId, docName: opts.docName, readOnly: false, ttlSeconds: 120 });
  const url = `${opts.url ?? internalCollabUrl()}/${encodeURIComponent(opts.docName)}?token=${encodeURIComponent(token)}`;
  const doc = new Y.Doc();
  const ws = new WebSocket(url, { perMessageDeflate: false });
  let phase: 'syncing' | 'acking' | 'done' = 'syncing';

  return new Promise<void>((resolve, reject) => {
    const finish = (err?: Error) => {
      if (phase === 'done') return;
      phase = 'done';
      clearTimeout(timer);
      ws.removeAllListeners('close');
      ws.on('error', () => undefined);
      ws.close(1000);
      doc.destroy();
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(new AppError('internal', 'The collaboration server did not confirm the import in time')),
      opts.timeoutMs ?? 20_000,
    );
    const send = (msg: Uint8Array) => ws.send(msg);
    const askFullState = () => send(syncStep1Message(new Uint8Array([0])));

    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) send(updateMessage(update));
    });

    ws.on('open', () => send(syncStep1Message(Y.encodeStateVector(doc))));
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      finish(
        status === 401 || status === 403
          ? new AppError('forbidden', 'The collaboration server refused the import')
          : new AppError('internal', `The collaboration server answered ${status}`),
      );
    });
    ws.on('error', (err) =>
      finish(new AppError('internal', `Could not reach the collaboration server: ${err.message}`)),
    );
    ws.on('close', (code) => {
      if (code === CollabCloseCode.documentTooLarge || code === 1009)
        finish(new AppError('bad_request', 'The notes would be too large'));
      else finish(new AppError('internal', `The collaboration server closed the connection (${code})`));
    });
    ws.on('message', (data: Buffer) => {
      if (phase === 'done') return;
      try {
        const d = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (decoding.readVarUint(d) !== MessageType.sync) return; // awareness and the rest: not ours to track
        const type = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (type === SyncType.step1) return send(syncStep2Message(Y.encodeStateAsUpdate(doc, payload)));
        if (type !== SyncType.step2 && type !== SyncType.update) return;
        if (phase === 'acking') {
          // Only a full-state answer proves the server has applied what was sent; it may come
          // before the server's batch ran, so ask again until it does.
          if (type === SyncType.step2 && covers(payload, doc)) finish();
          else if (type === SyncType.step2) setTimeout(askFullState, 10);
          return;
        }
        Y.applyUpdate(doc, payload, REMOTE);
        if (type !== SyncType.step2) return;
        phase = 'acking';
        doc.transact(() => opts.edit(doc), 'import');
        askFullState();
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}
