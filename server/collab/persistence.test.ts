import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '@/lib/db';
import { compactDoc, loadStoredDoc } from './persistence';

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
