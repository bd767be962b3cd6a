import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeSavedState, encodeSavedState, updateCoveredBy } from './saved-state';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

describe('a restored copy against what the server is known to have', () => {
  it('holds nothing unsaved when the snapshot covers it', () => {
    const doc = docWith('hello world');
    const saved = decodeSavedState(encodeSavedState(doc))!;
    expect(updateCoveredBy(Y.encodeStateAsUpdate(doc), saved)).toBe(true);
  });

  it('holds unsaved edits when something was typed after the snapshot', () => {
    const doc = docWith('hello');
    const saved = decodeSavedState(encodeSavedState(doc))!;
    doc.getText('t').insert(5, '!');
    expect(updateCoveredBy(Y.encodeStateAsUpdate(doc), saved)).toBe(false);
  });

  it('holds unsaved edits when something was only deleted after the snapshot', () => {
    const doc = docWith('hello world');
    const saved = decodeSavedState(encodeSavedState(doc))!;
    doc.getText('t').delete(0, 6);
    expect(updateCoveredBy(Y.encodeStateAsUpdate(doc), saved)).toBe(false);
    expect(updateCoveredBy(Y.encodeStateAsUpdate(doc), decodeSavedState(encodeSavedState(doc))!)).toBe(true);
  });

  it('ignores stored values that are not a snapshot', () => {
    expect(decodeSavedState('nope')).toBeNull();
    expect(decodeSavedState(new Uint8Array([1, 2, 3]).buffer)).toBeNull();
  });
});
