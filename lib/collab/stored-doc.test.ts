import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { db } from '@/lib/db';
import { loadStoredDoc, mergeStoredUpdates } from './stored-doc';

describe('mergeStoredUpdates', () => {
  it('holds exactly what Y.mergeUpdates holds, for a log of many small updates with deletions', () => {
    const doc = new Y.Doc();
    const parts: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => parts.push(u));
    const text = doc.getXmlFragment('default');
    const p = new Y.XmlElement('paragraph');
    text.insert(0, [p]);
    const t = new Y.XmlText();
    p.insert(0, [t]);
    for (let i = 0; i < 600; i++) t.insert((i * 7) % (t.length + 1), String.fromCharCode(97 + (i % 26)));
    for (let i = 0; i < 100; i++) t.delete((i * 5) % t.length, 1);
    const read = (u: Uint8Array) => {
      const d = new Y.Doc();
      Y.applyUpdate(d, u);
      return { xml: d.getXmlFragment('default').toString(), sv: Y.encodeStateVector(d) };
    };
    const ours = read(mergeStoredUpdates(parts));
    expect(ours).toEqual(read(Y.mergeUpdates(parts)));
    expect(ours.xml).toBe(text.toString());
  });
});

describe('loadStoredDoc', () => {
  it('reads snapshot and every log row, bytes intact, as the rows merged one by one', async () => {
    const docName = `session:stored${Date.now().toString(36)}`;
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    const text = writer.getText('t');
    for (let i = 0; i < 40; i++) text.insert((i * 3) % (text.length + 1), `${i}\u0000é`);
    await db.docSnapshot.create({
      data: { docName, data: Buffer.from(Y.mergeUpdates(updates.splice(0, 15))), lastUpdateId: 0 },
    });
    for (let i = 0; i < 60; i++) {
      if (i % 4 === 3) text.delete(i % text.length, 2);
      else text.insert(text.length, String.fromCharCode(0, 200 + i));
    }
    await db.docUpdate.createMany({ data: updates.map((u) => ({ docName, data: Buffer.from(u) })) });

    const stored = await loadStoredDoc(db, docName);
    expect(stored.logRows).toBe(updates.length);
    const d = new Y.Doc();
    Y.applyUpdate(d, stored.state!);
    expect(d.getText('t').toString()).toBe(text.toString());
    expect(await loadStoredDoc(db, `${docName}-none`)).toEqual({ state: null, logRows: 0 });
  });
});
