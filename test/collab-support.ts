// Helpers for the collab server's tests: real servers on port 0, the stock y-websocket client.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import WS from 'ws';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { signCollabToken } from '@/lib/auth/collab-token';
import { MessageType, SyncType, syncStep1Message } from '@/lib/collab/protocol';
import { db } from '@/lib/db';
import { docNameForSession } from '@/lib/notes/doc-name';
import { addMember, buildEvent, buildSession, buildUser } from '@/test/builders';
import type { Visibility } from '@/lib/db';
import { createCollabServer, type CollabServer } from '@/server/collab/collab-server';
import type { CollabConfig } from '@/server/collab/config';
import type { CollabHooks } from '@/server/collab/hooks';
import { loadStoredDoc } from '@/server/collab/persistence';

const ROOT = path.resolve(__dirname, '..');

/** Polls until `check` returns truthy (or stops throwing); fails with the last error after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 15_000, what = 'condition' } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RunningCollab {
  server: CollabServer;
  http: http.Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** A collab server in this process on `port` (0 = any free port). */
export async function startCollab(
  config: Partial<CollabConfig> = {},
  port = 0,
  opts: { hooks?: readonly CollabHooks[] } = {},
): Promise<RunningCollab> {
  const server = await createCollabServer({ config: { redisUrl: undefined, ...config }, hooks: opts.hooks });
  const httpServer = http.createServer((req, res) => {
    if (req.url?.startsWith('/metrics')) return void server.metricsHandler(req, res);
    res.writeHead(404).end();
  });
  httpServer.on('upgrade', (req, socket, head) => server.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => httpServer.listen(port, '127.0.0.1', () => resolve()));
  const actual = (httpServer.address() as AddressInfo).port;
  return {
    server,
    http: httpServer,
    port: actual,
    url: `ws://127.0.0.1:${actual}/collab`,
    async close() {
      httpServer.close();
      await server.close();
      httpServer.closeAllConnections();
    },
  };
}

export interface SpawnedCollab {
  proc: ChildProcess;
  port: number;
  url: string;
  /** Everything the process wrote to stdout and stderr so far (its JSON log). */
  output(): string;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no flush, no goodbye. */
  kill9(): Promise<void>;
}

/** `server/collab-main.ts` as its own process, on this test's database. */
export async function spawnCollab(opts: { port?: number; env?: Record<string, string> } = {}): Promise<SpawnedCollab> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/collab-main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(opts.port ?? 0),
      COLLAB_PORT: String(opts.port ?? 0),
      NODE_ENV: 'test',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the failed test.
      proc.kill('SIGKILL');
      reject(new Error(`collab server did not start:\n${output}`));
    }, 30_000);
    proc.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /"port":(\d+)[^\n]*collab server listening/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`collab server exited with ${code}:\n${output}`));
    });
  });
  return {
    proc,
    port,
    url: `ws://127.0.0.1:${port}/collab`,
    output: () => output,
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
    kill9: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}

// Test clients type into one paragraph of the notes fragment, which the server accepts. Every client
// starts from the same seed update (same client id, same items), so two clients never create two
// paragraphs concurrently: the seed is one paragraph wherever it comes from.
export const SEED_CLIENT_ID = 0x7ffffff0;
const seedUpdate = (() => {
  const d = new Y.Doc();
  d.clientID = SEED_CLIENT_ID;
  const paragraph = new Y.XmlElement('paragraph');
  d.getXmlFragment('default').insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText()]);
  const update = Y.encodeStateAsUpdate(d);
  d.destroy();
  return update;
})();

/** Puts the shared test paragraph into a document (idempotent). */
export function seedNotes(doc: Y.Doc): void {
  Y.applyUpdate(doc, seedUpdate);
}

/** The text of the shared test paragraph of a document, or an empty text when it has none. */
export function notesText(doc: Y.Doc | undefined): Y.XmlText {
  const paragraph = doc?.getXmlFragment('default').get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  return text instanceof Y.XmlText ? text : new Y.XmlText();
}

export interface Client {
  doc: Y.Doc;
  /** Text in a paragraph of the notes, where an editor would type. */
  text: Y.XmlText;
  provider: WebsocketProvider;
  closeCodes: number[];
  destroy(): void;
}

/** The stock y-websocket client, as the editor uses it, in Node. */
export function connectClient(
  url: string,
  docName: string,
  token: string | undefined,
  opts: { connect?: boolean } = {},
): Client {
  const doc = new Y.Doc();
  seedNotes(doc);
  const provider = new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
    params: token ? { token } : {},
    disableBc: true,
    maxBackoffTime: 300,
    connect: opts.connect ?? true,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    text: notesText(doc),
    provider,
    closeCodes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Every client is in sync, and the server has handled what each sent on the way there. A client is
 * in sync as soon as it has the server's greeting, while its own answer (its sync step 2) may still
 * be on the way; a test that then counts writes or drops would see it land in its own turn. So
 * each client also sends a sync step 1 and waits for the answer: the server handles a socket's
 * messages in order, and the turn that handled that answer has flushed by the time it arrives.
 */
export async function waitSynced(...clients: Client[]): Promise<void> {
  await waitFor(() => clients.every((c) => c.provider.synced), { what: 'clients synced' });
  await Promise.all(clients.map(roundTrip));
}

function roundTrip(c: Client): Promise<void> {
  const ws = c.provider.ws;
  if (!ws || ws.readyState !== WS.OPEN) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      ws.removeEventListener('message', onMessage);
      ws.removeEventListener('close', done);
      resolve();
    };
    const onMessage = (event: MessageEvent) => {
      const d = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      if (decoding.readVarUint(d) === MessageType.sync && decoding.readVarUint(d) === SyncType.step2) done();
    };
    ws.addEventListener('message', onMessage);
    // A socket that closes meanwhile ends the wait too (the test's own checks then say what is wrong).
    ws.addEventListener('close', done);
    ws.send(syncStep1Message(Y.encodeStateVector(c.doc)));
  });
}

/** A fresh event (visibility as given), its organiser, a session, and a read-write token for the organiser. */
export async function notesFixture(visibility: Visibility = 'PUBLIC') {
  const organiser = await buildUser();
  const { event } = await buildEvent({ organiserId: organiser.id, visibility });
  const session = await buildSession(event.id);
  const docName = docNameForSession(session.id);
  const tokenFor = (userId: string | null, readOnly = false, ttlSeconds = 600) =>
    signCollabToken({ userId, docName, readOnly, ttlSeconds }).token;
  const member = async () => {
    const u = await buildUser();
    await addMember(event.id, u.id);
    return u;
  };
  return { organiser, event, session, docName, token: tokenFor(organiser.id), tokenFor, member };
}

/** The document as stored (snapshot + log), read through the server's own loader. */
export async function storedText(docName: string): Promise<string> {
  const stored = await loadStoredDoc(db, docName);
  const d = new Y.Doc();
  if (stored.state) Y.applyUpdate(d, stored.state);
  return d.getXmlFragment('default').length > 0 ? notesText(d).toString() : '';
}

/** The HTTP status a raw upgrade gets, or 101 when it is accepted. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WS(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}
