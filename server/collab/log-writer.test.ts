import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadStoredDoc as loadThroughPrisma } from '@/lib/collab/stored-doc';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { db } from '@/lib/db';
import { SqliteWorkerLogWriter } from './log-writer';
import { createCollabMetrics } from './metrics';

const target = resolveDatabaseTarget();
const textOf = (state: Uint8Array | null) => {
  const d = new Y.Doc();
  if (state) Y.applyUpdate(d, state);
  return d.getText('t').toString();
};

describe.runIf(target.provider === 'sqlite')('the SQLite log writer thread', () => {
  it('loads a document as the web app reads it, then folds a long log into the snapshot, keeping later appends', async () => {
    const file = target.provider === 'sqlite' ? target.file : '';
    const writer = new SqliteWorkerLogWriter(file, createCollabMetrics(), 50);
    try {
      const docName = `session:writer${Date.now().toString(36)}`;
      const source = new Y.Doc();
      const updates: Uint8Array[] = [];
      source.on('update', (u: Uint8Array) => updates.push(u));
      const text = source.getText('t');
      const type = (n: number) => {
        for (let i = 0; i < n; i++) text.insert((i * 5) % (text.length + 1), String.fromCharCode(97 + (i % 26)));
      };
      type(20);
      // One row per update, as an unbatched log would hold; below the threshold nothing is compacted.
      for (const u of updates.splice(0))
        expect(typeof (await writer.write([{ docName, updates: [u] }]))).toBe('number');
      const short = await writer.load(docName);
      expect(short.logRows).toBe(20);
      expect(textOf(short.state)).toBe(text.toString());
      expect(await db.docUpdate.count({ where: { docName } })).toBe(20);

      type(60);
      await db.docUpdate.createMany({ data: updates.splice(0).map((u) => ({ docName, data: Buffer.from(u) })) });
      const long = await writer.load(docName);
      expect(textOf(long.state)).toBe(text.toString());

      // The compaction that follows a long load runs before anything queued after it.
      type(3);
      await writer.write([{ docName, updates: updates.splice(0) }]);
      expect(await db.docUpdate.count({ where: { docName } })).toBe(1);
      const snapshot = await db.docSnapshot.findUnique({ where: { docName } });
      expect(textOf(snapshot && new Uint8Array(snapshot.data))).toBe(textOf(long.state));
      const again = await writer.load(docName);
      expect(again.logRows).toBe(1);
      expect(textOf(again.state)).toBe(text.toString());
      expect(textOf((await loadThroughPrisma(db, docName)).state)).toBe(text.toString());
    } finally {
      await writer.close();
    }
  });
});
