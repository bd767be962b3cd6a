import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { loadStoredDoc } from '@/lib/collab/stored-doc';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { db } from '@/lib/db';
import { startTcpProxy, type TcpProxy } from '@/test/chaos/tcp-proxy';
import { createCollabMetrics } from './metrics';
import { compactDoc, UpdateLog } from './persistence';
import { PostgresLogWriter } from './postgres-log-writer';
import { UnsavedBuffer } from './unsaved-buffer';

const target = resolveDatabaseTarget();
const url = target.url;
const textOf = (state: Uint8Array | null) => {
  const d = new Y.Doc();
  try {
    if (state) Y.applyUpdate(d, state);
  } catch (err) {
    // lib0 throws a shared error object whose stack says nothing: name the bytes instead (the race
    // test below failed once this way, and was not reproduced in dozens of runs).
    const hex = Buffer.from(state!).toString('hex');
    throw new Error(`${(err as Error).message} decoding ${state!.length} bytes: ${hex.slice(0, 2000)}`);
  }
  return d.getText('t').toString();
};

/** A document typed into one update at a time, as clients send them. */
function typist() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('t');
  return {
    type(s: string): Uint8Array {
      text.insert(text.length, s);
      return updates.pop()!;
    },
    text: () => text.toString(),
  };
}

let n = 0;
const docNameFor = (label: string) => `session:pg${label}${Date.now().toString(36)}${n++}`;
const open: { close(): Promise<void> }[] = [];
const writer = (connectionString = url, poolSize = 4) => {
  const w = new PostgresLogWriter(connectionString, poolSize, createCollabMetrics());
  open.push(w);
  return w;
};
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

describe.runIf(target.provider === 'postgresql')('the PostgreSQL log writer', () => {
  it('appends one row per document per flush, merged, and loads them as the web app reads them', async () => {
    const w = writer();
    const a = typist();
    const b = typist();
    const [docA, docB] = [docNameFor('a'), docNameFor('b')];
    await w.write([
      { docName: docA, updates: [a.type('one '), a.type('two ')] },
      { docName: docB, updates: [b.type('uno ')] },
    ]);
    await w.write([{ docName: docA, updates: [a.type('three')] }]);
    expect(await db.docUpdate.count({ where: { docName: docA } })).toBe(2);
    expect(await db.docUpdate.count({ where: { docName: docB } })).toBe(1);
    const loaded = await w.load(docA);
    expect(loaded.logRows).toBe(2);
    expect(textOf(loaded.state)).toBe('one two three');
    expect(textOf((await loadStoredDoc(db, docA)).state)).toBe('one two three');
    expect(textOf((await w.load(docB)).state)).toBe('uno ');
    expect(await w.load(docNameFor('none'))).toEqual({ state: null, logRows: 0 });
  });

  it('stores times as Prisma does (UTC), whatever the time zone of its connections', async () => {
    const tokyo = new URL(url);
    tokyo.searchParams.set('options', '-c timezone=Asia/Tokyo');
    const w = writer(tokyo.toString());
    const t = typist();
    const docName = docNameFor('tz');
    const before = Date.now();
    await w.write([{ docName, updates: [t.type('a')] }]);
    expect(await w.compact(docName)).toBe('compacted');
    await w.write([{ docName, updates: [t.type('b')] }]);
    expect(await w.compact(docName)).toBe('compacted');
    await w.write([{ docName, updates: [t.type('c')] }]);
    const row = await db.docUpdate.findFirstOrThrow({ where: { docName } });
    const snapshot = await db.docSnapshot.findUniqueOrThrow({ where: { docName } });
    // Nine hours off if written as Tokyo's wall-clock time; a minute covers any slow machine.
    for (const at of [row.createdAt, snapshot.updatedAt]) expect(Math.abs(at.getTime() - before)).toBeLessThan(60_000);
  });

  it('loses no append made while compactions on two nodes (and the Prisma one) race', async () => {
    const [nodeA, nodeB] = [writer(), writer()];
    const t = typist();
    const docName = docNameFor('race');
    for (let i = 0; i < 10; i++) await nodeA.write([{ docName, updates: [t.type(`${i};`)] }]);
    const work: Promise<unknown>[] = [];
    for (let i = 10; i < 60; i++) {
      work.push((i % 2 ? nodeA : nodeB).write([{ docName, updates: [t.type(`${i};`)] }]));
      if (i % 7 === 0) work.push(nodeA.compact(docName), nodeB.compact(docName), compactDoc(db, docName));
    }
    const results = await Promise.all(work);
    expect(results).toContain('compacted');
    expect(textOf((await nodeB.load(docName)).state)).toBe(t.text());
    expect(['compacted', 'nothing']).toContain(await nodeA.compact(docName));
    const after = await nodeB.load(docName);
    expect(after.logRows).toBe(0);
    expect(textOf(after.state)).toBe(t.text());
    expect(textOf((await loadStoredDoc(db, docName)).state)).toBe(t.text());
    expect(await nodeB.compact(docName)).toBe('nothing');
  });

  it('leaves a row whose smaller id commits after the compaction read the log, and merges it next time', async () => {
    const w = writer();
    const t = typist();
    const docName = docNameFor('order');
    await w.write([{ docName, updates: [t.type('first ')] }]);
    // Another node's append: its id is taken now, its commit comes after the compaction below.
    const late = new pg.Client({ connectionString: url });
    await late.connect();
    try {
      await late.query('BEGIN');
      await late.query('INSERT INTO "DocUpdate" ("docName", "data") VALUES ($1, $2)', [
        docName,
        Buffer.from(t.type('late ')),
      ]);
      await w.write([{ docName, updates: [t.type('last')] }]);
      expect(await w.compact(docName)).toBe('compacted');
      await late.query('COMMIT');
    } finally {
      await late.end();
    }
    const rows = await db.docUpdate.findMany({ where: { docName } });
    expect(rows).toHaveLength(1);
    const snapshot = await db.docSnapshot.findUniqueOrThrow({ where: { docName } });
    expect(snapshot.lastUpdateId).toBeGreaterThan(rows[0]!.id);
    // Loaded after the compaction: snapshot and the late row, which a filter on lastUpdateId would miss.
    const loaded = await w.load(docName);
    expect(loaded.logRows).toBe(1);
    expect(textOf(loaded.state)).toBe(t.text());
    expect(await w.compact(docName)).toBe('compacted');
    expect(await db.docUpdate.count({ where: { docName } })).toBe(0);
    expect(textOf((await w.load(docName)).state)).toBe(t.text());
  });

  it('fails writes while the database is away; the UpdateLog keeps the updates and writes them once it is back', async () => {
    const u = new URL(url);
    const proxy: TcpProxy = await startTcpProxy(u.hostname, Number(u.port || 5432));
    open.push(proxy);
    u.host = `127.0.0.1:${proxy.port}`;
    const w = writer(u.toString(), 2);
    const metrics = createCollabMetrics();
    const unsaved = new UnsavedBuffer(1e6, metrics);
    const persisted: string[] = [];
    const log = new UpdateLog(w, 40, metrics, (docName) => persisted.push(docName), unsaved);
    const t = typist();
    const docName = docNameFor('outage');
    log.append(docName, t.type('before '), Date.now());
    await log.flush();
    expect(persisted).toEqual([docName]);

    proxy.cut();
    log.append(docName, t.type('during '), Date.now());
    log.append(docName, t.type('outage'), Date.now());
    await vi.waitFor(() => expect(unsaved.available).toBe(false), { timeout: 60_000 });
    expect(log.hasPending(docName)).toBe(true);
    expect(persisted).toEqual([docName]);
    expect(textOf((await loadStoredDoc(db, docName)).state)).toBe('before ');

    proxy.restore();
    await vi.waitFor(() => expect(log.hasPending(docName)).toBe(false), { timeout: 60_000 });
    expect(unsaved.available).toBe(true);
    expect(persisted).toEqual([docName, docName]);
    expect(textOf((await loadStoredDoc(db, docName)).state)).toBe(t.text());
    await log.close();
  });

  it('refuses requests once closed', async () => {
    const w = writer();
    await w.close();
    await expect(w.write([{ docName: docNameFor('closed'), updates: [typist().type('x')] }])).rejects.toThrow(
      'log writer closed',
    );
    await expect(w.compact(docNameFor('closed'))).rejects.toThrow('log writer closed');
  });
});
