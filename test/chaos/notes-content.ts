// Helpers for the chaos tests: each client types marks into its own paragraph of the notes
// fragment (the shape the editor uses), and the tests look for every mark afterwards.
import fs from 'node:fs';
import * as Y from 'yjs';
import { db } from '@/lib/db';
import { NOTES_FRAGMENT } from '@/lib/editor/schema-version';
import { loadStoredDoc } from '@/server/collab/persistence';

/** Appends `mark` to the client's own paragraph, creating the paragraph on first use. */
export function typeMark(doc: Y.Doc, mark: string): void {
  doc.transact(() => {
    const fragment = doc.getXmlFragment(NOTES_FRAGMENT);
    let text = (doc as Y.Doc & { ownText?: Y.XmlText }).ownText;
    if (!text) {
      const paragraph = new Y.XmlElement('paragraph');
      text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.push([paragraph]);
      (doc as Y.Doc & { ownText?: Y.XmlText }).ownText = text;
    }
    text.insert(text.length, mark);
  });
}

export function notesString(doc: Y.Doc): string {
  return doc.getXmlFragment(NOTES_FRAGMENT).toString();
}

/** The notes as stored (snapshot + log), read through the server's own loader. */
export async function storedNotes(docName: string): Promise<string> {
  const stored = await loadStoredDoc(db, docName);
  const d = new Y.Doc();
  if (stored.state) Y.applyUpdate(d, stored.state);
  return notesString(d);
}

/** Resident memory of a process now, in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) * 1024;
}
