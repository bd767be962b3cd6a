import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { db } from '@/lib/db';
import { prismaLogWriter } from './log-writer';
import { createCollabMetrics } from './metrics';
import { compactDoc, loadStoredDoc, UpdateLog } from './persistence';
import { UnsavedBuffer } from './unsaved-buffer';

const textOf = (state: Uint8Array | null) => {
  const d = new Y.Doc();
  if (state) Y.applyUpdate(d, state);
  return d.getText('t').toString();
};

describe('update log and snapshots', () => {
  it('loses no append made while two compactions of the same document race', async () => {
    const docName = `session:persist${Date.now().toString(36)}`;
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    const append = async (s: string) => {
      writer.getText('t').insert(writer.getText('t').length, s);
      const u = updates.pop()!;
      await db.docUpdate.create({ data: { docName, data: Buffer.from(u) } });
    };
    for (let i = 0; i < 10; i++) await append(`${i};`);
    const work: Promise<unknown>[] = [];
    for (let i = 10; i < 40; i++) {
      work.push(append(`${i};`));
      if (i % 7 === 0) work.push(compactDoc(db, docName), compactDoc(db, docName));
    }
    await Promise.all(work);
    const expected = writer.getText('t').toString();
    expect(textOf((await loadStoredDoc(db, docName)).state)).toBe(expected);
    expect(['compacted', 'nothing']).toContain(await compactDoc(db, docName));
    const after = await loadStoredDoc(db, docName);
    expect(after.logRows).toBe(0);
    expect(textOf(after.state)).toBe(expected);
    expect(await compactDoc(db, docName)).toBe('nothing');
  });
});

describe('UpdateLog', () => {
  it('writes an update when the writer is idle, and what arrived during a write right after it, not at the interval', async () => {
    const docName = `session:log${Date.now().toString(36)}`;
    const metrics = createCollabMetrics();
    const writer = prismaLogWriter(db);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const writes: number[] = [];
    // The first write is held open, so the second update arrives while it is in flight.
    const held = {
      ...writer,
      async write(batch: Parameters<typeof writer.write>[0]) {
        writes.push(batch.length);
        if (writes.length === 1) await gate;
        return writer.write(batch);
      },
    };
    const persisted: number[] = [];
    // An interval of an hour, and no spacing between flushes: nothing here may wait for a timer.
    const log = new UpdateLog(
      held,
      3_600_000,
      metrics,
      (_d, rows) => persisted.push(rows),
      new UnsavedBuffer(1e6, metrics),
      0,
    );
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    source.getText('t').insert(0, 'a');
    log.append(docName, updates.pop()!, Date.now());
    expect(writes).toEqual([1]);
    source.getText('t').insert(1, 'b');
    log.append(docName, updates.pop()!, Date.now());
    expect(log.hasPending(docName)).toBe(true);
    release();
    await vi.waitFor(() => expect(persisted).toEqual([1, 1]), { timeout: 60_000 });
    expect(log.hasPending(docName)).toBe(false);
    expect(textOf((await loadStoredDoc(db, docName)).state)).toBe('ab');
    await log.close();
  });

  it('writes updates that are already overdue while a write is in flight in one write, not one each', async () => {
    const metrics = createCollabMetrics();
    const writer = prismaLogWriter(db);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const writes: string[][] = [];
    const held = {
      ...writer,
      async write(batch: Parameters<typeof writer.write>[0]) {
        writes.push(batch.map((b) => b.docName));
        if (writes.length === 1) await gate;
        return writer.write(batch);
      },
    };
    const log = new UpdateLog(held, 40, metrics, () => {}, new UnsavedBuffer(1e6, metrics), 0);
    const docs = ['a', 'b', 'c'].map((x) => `session:overdue${x}${Date.now().toString(36)}`);
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    source.getText('t').insert(0, 'a');
    log.append(docs[0]!, updates.pop()!, Date.now());
    expect(writes).toHaveLength(1);
    // As an event loop that is a second behind hands them over: each past its persist interval.
    for (const [i, docName] of docs.entries()) {
      source.getText('t').insert(0, String(i));
      log.append(docName, updates.pop()!, Date.now() - 1000);
    }
    await vi.waitFor(() => expect(writes.length).toBeGreaterThan(1), { timeout: 60_000 });
    expect(writes.slice(1)).toEqual([docs]);
    release();
    await log.flush();
    expect(writes).toHaveLength(2);
    expect(log.hasPending(docs[0]!)).toBe(false);
    await log.close();
  });
});
