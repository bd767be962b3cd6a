import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeStoredUpdates } from './stored-doc';

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
