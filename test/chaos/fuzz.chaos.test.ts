import WS from 'ws';
import { afterEach, expect, it } from 'vitest';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import {
  connectClient,
  notesFixture,
  spawnCollab,
  waitFor,
  type Client,
  type SpawnedCollab,
} from '@/test/collab-support';
import { prng } from '../prng';
import { awarenessFlood, mayPassFrame, mustCloseFrame, type Frame } from './fuzz-frames';
import { notesString, rssBytes, typeMark } from './notes-content';

// Thousands of hostile frames against the real server process, while an editor and an observer
// work on the same document: the server stays up, its memory stays bounded, every connection
// that sent an invalid frame is closed, and the others see their notes intact and identical.

const CONNECTIONS = Number(process.env.CHAOS_FUZZ_CONNECTIONS ?? 800);
const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 1_000_000);

let server: SpawnedCollab | null = null;
let clients: Client[] = [];
afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  if (server?.proc.exitCode === null) await server.kill9();
  server = null;
});

/** Opens a socket, sends the frames in order and resolves with the close code once the server closes it. */
function abuse(url: string, frames: Frame[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WS(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      const kinds = [...new Set(frames.map((f) => f.kind))].join(', ');
      reject(new Error(`connection not closed after ${frames.length} frames (${kinds})`));
    }, 20_000);
    ws.on('open', () => {
      for (const f of frames) ws.send(f.data, { binary: typeof f.data !== 'string' });
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => undefined);
  });
}

it(`fuzzes the collab endpoint with thousands of frames: server up, memory bounded, abusers closed, others intact`, async () => {
  const rand = prng(SEED);
  const f = await notesFixture();
  server = await spawnCollab();
  const editor = connectClient(server.url, f.docName, f.tokenFor((await f.member()).id));
  const observer = connectClient(server.url, f.docName, f.tokenFor((await f.member()).id));
  clients.push(editor, observer);
  await waitFor(() => editor.provider.synced && observer.provider.synced, { what: 'editor and observer synced' });
  typeMark(editor.doc, 'legit-before');
  await waitFor(() => notesString(observer.doc).includes('legit-before'), { what: 'observer has the first edit' });
  const rssBefore = rssBytes(server.proc.pid!);

  // Sixteen members share the abuse so no single one reaches the per-user limits first.
  const abusers = await Promise.all(Array.from({ length: 16 }, () => f.member()));
  let frames = 0;
  const kinds = new Map<string, number>();
  const count = (fr: Frame) => {
    frames++;
    kinds.set(fr.kind, (kinds.get(fr.kind) ?? 0) + 1);
  };
  let next = 0;
  const worker = async () => {
    while (next < CONNECTIONS) {
      const i = next++;
      const list: Frame[] = [];
      const extra = Math.floor(rand() * 5);
      for (let k = 0; k < extra; k++) list.push(mayPassFrame(rand));
      list.push(mustCloseFrame(rand));
      list.forEach(count);
      if (i % 50 === 0) typeMark(editor.doc, `legit-${i}`);
      const code = await abuse(
        `${server!.url}/${f.docName}?token=${f.tokenFor(abusers[i % abusers.length]!.id)}`,
        list,
      );
      expect(code, list.map((x) => x.kind).join(', ')).not.toBe(1000);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));

  // An awareness flood, faster than any person moves a cursor: the rate limit closes it.
  const flooder = await f.member();
  const flood = Array.from({ length: 700 }, (_, i) => ({
    kind: 'awareness flood',
    data: awarenessFlood(() => 0.5, 1, 50 + (i % 50)),
  }));
  flood.forEach(count);
  // Closed for abuse (4400–4499): today by the rate limit (4429); an awareness check may come first.
  const floodCode = await abuse(`${server.url}/${f.docName}?token=${f.tokenFor(flooder.id)}`, flood);
  expect(floodCode).toBeGreaterThanOrEqual(CollabCloseCode.badMessage);
  expect(floodCode).toBeLessThan(4500);
  // Messages over the size limit are refused by the WebSocket layer (1009).
  for (let i = 0; i < 3; i++) {
    const big = { kind: 'oversized frame', data: new Uint8Array(3 * 1024 * 1024) };
    count(big);
    expect(await abuse(`${server.url}/${f.docName}?token=${f.tokenFor(abusers[0]!.id)}`, [big])).toBe(1009);
  }

  // Still up, still serving, nobody else disturbed.
  expect(server.proc.exitCode).toBeNull();
  const health = await fetch(`http://127.0.0.1:${server.port}/health`);
  expect(health.status).toBe(200);
  typeMark(editor.doc, 'legit-after');
  await waitFor(
    () => notesString(observer.doc) === notesString(editor.doc) && notesString(observer.doc).includes('legit-after'),
    { what: 'observer identical to editor' },
  );
  expect(editor.closeCodes).toEqual([]);
  expect(observer.closeCodes).toEqual([]);
  const late = connectClient(server.url, f.docName, f.tokenFor((await f.member()).id));
  clients.push(late);
  await waitFor(() => notesString(late.doc) === notesString(editor.doc), { what: 'late joiner identical' });
  for (const mark of ['legit-before', 'legit-0', 'legit-after']) expect(notesString(late.doc)).toContain(mark);

  const rssAfter = rssBytes(server.proc.pid!);
  const growthMB = (rssAfter - rssBefore) / 1048576;
  console.log(
    `fuzz (seed ${SEED}): ${frames} frames on ${CONNECTIONS + 4} connections, every abusive connection closed; ` +
      `server RSS ${Math.round(rssBefore / 1048576)} → ${Math.round(rssAfter / 1048576)} MB; ` +
      `kinds ${JSON.stringify(Object.fromEntries(kinds))}`,
  );
  expect(growthMB).toBeLessThan(200);
});

// Issue 9, item 3: awareness states for client ids a connection does not own, or oversized, go nowhere.
it('refuses awareness states for client ids a connection does not own, and oversized states', async () => {
  const rand = prng(SEED);
  const f = await notesFixture();
  server = await spawnCollab();
  const observer = connectClient(server.url, f.docName, f.tokenFor((await f.member()).id));
  clients.push(observer);
  await waitFor(() => observer.provider.synced, { what: 'observer synced' });
  const flooder = await f.member();
  // 20 made-up clients with 2 KB states each, 50 times: a megabyte of presence pushed to everyone.
  const flood = Array.from({ length: 50 }, () => ({ kind: 'foreign awareness', data: awarenessFlood(rand, 20, 2000) }));
  expect(await abuse(`${server.url}/${f.docName}?token=${f.tokenFor(flooder.id)}`, flood)).toBe(
    CollabCloseCode.badMessage,
  );
  expect(observer.provider.awareness.getStates().size).toBeLessThanOrEqual(2);
});
