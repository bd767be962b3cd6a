import type { Node as PmNode, ResolvedPos } from '@tiptap/pm/model';
import { Transform } from '@tiptap/pm/transform';
import { updateYFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { notesSchema } from '@/lib/editor/extensions';
import { mergeStoredLog, mergeStoredUpdates } from './merge-stored-updates.mjs';
import { joinTypingRuns } from './typing-runs.mjs';
import { prng } from '@/test/prng';

// Joining typing runs must never change what a log loads as: random histories of several clients
// (concurrent typing, deletions, formatting, new blocks, map entries), stored as the server stores
// them (rows merged per flush, some out of order, some twice, some missing), loaded row by row and
// joined, compare equal in every way Yjs can tell.

type Rnd = () => number;
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);
// Positions never fall inside a surrogate pair (an emoji), as in an editor: where one is split,
// Yjs replaces both halves by U+FFFD at whichever split it meets first, so the bytes it keeps then
// depend on the order updates arrive in, with or without joining (seen in deleted content here).
const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
/** `at` moved past the low half if it falls between the two halves of a pair in `text`. */
const boundary = (text: string, at: number) => (at > 0 && isHigh(text.charCodeAt(at - 1)) ? at + 1 : at);
const plain = (t: Y.XmlText) =>
  (t.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');

/** A document whose client id comes from the seed: ids decide concurrent inserts' order. */
function seeded(rnd: Rnd): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1 + int(rnd, 2 ** 31 - 1);
  return doc;
}

const CHARS = ['a', 'b', 'c', ' ', 'é', '€', '😀', '\uFEFF', '中', 'xyz', 'hello ', '\n'];

function applied(parts: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => {
    for (const p of parts) Y.applyUpdate(doc, p);
  });
  return doc;
}

/** What a document shows and holds, in forms that do not depend on how its structs are split. */
function observed(doc: Y.Doc) {
  const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  const shown = {
    stateVector: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]),
    xml: doc.getXmlFragment('default').toString(),
    meta: doc.getMap('meta').toJSON(),
    pending,
  };
  // Pending structs are encoded as they came (joined or not): compared once the missing rows arrive.
  if (pending) return shown;
  const reloaded = applied([Y.encodeStateAsUpdate(doc)]);
  return {
    ...shown,
    reloadedXml: reloaded.getXmlFragment('default').toString(),
    reloadedState: Y.encodeStateAsUpdate(reloaded),
    deleteSet: [...Y.decodeUpdate(Y.encodeStateAsUpdate(reloaded)).ds.clients].sort((a, b) => a[0] - b[0]),
  };
}

/** Rows as the stored-doc query returns them: one buffer, each row after its length (4 bytes, big-endian). */
function framed(rows: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(rows.reduce((n, r) => n + 4 + r.length, 0));
  let at = 0;
  for (const r of rows) {
    new DataView(out.buffer).setUint32(at, r.length);
    out.set(r, at + 4);
    at += 4 + r.length;
  }
  return out;
}

/** Loads the rows one by one, joined, and merged (as parts and as a framed log); then again after the lost rows arrive. */
function expectSameLoad(parts: Uint8Array[], lost: Uint8Array[] = []) {
  const joined = joinTypingRuns(parts);
  const loads = [
    applied(parts),
    applied(joined),
    applied([mergeStoredUpdates(Y, parts)]),
    applied([mergeStoredLog(Y, parts[0]!, framed(parts.slice(1)))!]),
  ];
  const [expected, ...others] = loads.map(observed);
  for (const o of others) expect(o).toEqual(expected);
  if (lost.length > 0) {
    for (const d of loads) for (const u of lost) Y.applyUpdate(d, u);
    const [after, ...othersAfter] = loads.map(observed);
    for (const o of othersAfter) expect(o).toEqual(after);
  }
  return joined.length;
}

/** Stores a log as the server may have: rows merged per flush, some out of order or twice; `lost` are held back. */
function storedLog(rnd: Rnd, updates: Uint8Array[], opts: { lose: boolean }) {
  const rows: Uint8Array[] = [];
  for (let i = 0; i < updates.length;) {
    const n = rnd() < 0.8 ? 1 : 2 + int(rnd, 4);
    const flush = updates.slice(i, i + n);
    rows.push(flush.length === 1 ? flush[0]! : Y.mergeUpdates(flush));
    i += n;
  }
  for (let k = 0; k < rows.length / 40; k++) {
    const a = int(rnd, rows.length);
    const b = Math.min(rows.length - 1, a + 1 + int(rnd, 5));
    [rows[a], rows[b]] = [rows[b]!, rows[a]!];
  }
  for (let k = 0; k < rows.length / 60; k++) rows.splice(int(rnd, rows.length), 0, rows[int(rnd, rows.length)]!);
  const lost = opts.lose && rows.length > 2 ? rows.splice(1 + int(rnd, rows.length - 1), 1) : [];
  return { rows, lost };
}

/** Clients editing Y.XmlText in paragraphs directly, one update per keystroke while typing. */
function yHistory(rnd: Rnd): Uint8Array[] {
  const log: Uint8Array[] = [];
  const clients = Array.from({ length: 2 + int(rnd, 3) }, () => seeded(rnd));
  const local = Symbol('local');
  for (const c of clients) c.on('update', (u: Uint8Array, origin: unknown) => origin === local && log.push(u));
  const texts = (d: Y.Doc) => {
    const out: Y.XmlText[] = [];
    for (const p of d.getXmlFragment('default').toArray())
      if (p instanceof Y.XmlElement) for (const t of p.toArray()) if (t instanceof Y.XmlText) out.push(t);
    return out;
  };
  const steps = 40 + int(rnd, 80);
  for (let step = 0; step < steps; step++) {
    const d = clients[int(rnd, clients.length)]!;
    const all = texts(d);
    const r = rnd();
    if (all.length === 0 || r < 0.08) {
      d.transact(() => {
        const p = new Y.XmlElement(rnd() < 0.5 ? 'paragraph' : 'heading');
        const t = new Y.XmlText();
        p.insert(0, [t]);
        const f = d.getXmlFragment('default');
        f.insert(int(rnd, f.length + 1), [p]);
        if (rnd() < 0.5) t.insert(0, CHARS[int(rnd, CHARS.length)]!);
      }, local);
      continue;
    }
    const t = all[int(rnd, all.length)]!;
    if (r < 0.6) {
      // Typing: keystrokes one after another from one position, each its own update.
      let at = boundary(plain(t), int(rnd, t.length + 1));
      const bold = rnd() < 0.15 ? { bold: true } : undefined;
      for (let k = 1 + int(rnd, 12); k > 0; k--) {
        const s = CHARS[rnd() < 0.7 ? int(rnd, 3) : int(rnd, CHARS.length)]!;
        d.transact(() => t.insert(at, s, bold), local);
        at += s.length;
        if (rnd() < 0.05 && at > 0) {
          // Backspace: the whole character before the cursor.
          const n = isHigh(plain(t).charCodeAt(at - 2)) ? 2 : 1;
          d.transact(() => t.delete(at - n, n), local);
          at -= n;
        }
      }
    } else if (r < 0.72 && t.length > 0) {
      const text = plain(t);
      const at = boundary(text, int(rnd, t.length));
      const end = boundary(text, Math.min(at + 1 + int(rnd, 4), t.length));
      if (end > at) d.transact(() => t.delete(at, end - at), local);
    } else if (r < 0.8 && t.length > 0) {
      const text = plain(t);
      const at = boundary(text, int(rnd, t.length));
      const end = boundary(text, at + 1 + int(rnd, t.length - at));
      const mark = rnd() < 0.5 ? { bold: true } : { italic: rnd() < 0.5 ? true : null };
      if (end > at && end <= t.length) d.transact(() => t.format(at, end - at, mark), local);
    } else if (r < 0.86 && t.length > 0) {
      // Typing over a selection: one update with an insert and a delete set.
      const text = plain(t);
      const at = boundary(text, int(rnd, t.length));
      const end = boundary(text, Math.min(at + 2, t.length));
      d.transact(() => {
        t.delete(at, end - at);
        t.insert(at, 'Q');
      }, local);
    } else if (r < 0.9) {
      d.transact(() => d.getMap('meta').set(`k${int(rnd, 3)}`, int(rnd, 100)), local);
    } else {
      // Sync two clients: what they did since is concurrent with what the others do.
      const other = clients[int(rnd, clients.length)]!;
      Y.applyUpdate(other, Y.encodeStateAsUpdate(d, Y.encodeStateVector(other)));
      Y.applyUpdate(d, Y.encodeStateAsUpdate(other, Y.encodeStateVector(d)));
    }
  }
  return log;
}

interface PmClient {
  doc: Y.Doc;
  pm: PmNode;
}

/** Clients editing through y-tiptap's binding (updateYFragment), as the notes editor does. */
function pmHistory(rnd: Rnd): Uint8Array[] {
  const schema = notesSchema();
  const log: Uint8Array[] = [];
  const local = Symbol('local');
  const start = schema.nodeFromJSON({
    type: 'doc',
    content: [
      {
        type: 'bulletList',
        content: [{ type: 'listItem', attrs: { id: 'i0' }, content: [{ type: 'paragraph' }] }],
      },
    ],
  });
  const clients: PmClient[] = [];
  const first = seeded(rnd);
  updateYFragment(first, first.getXmlFragment('default'), start, { mapping: new Map(), isOMark: new Map() });
  log.push(Y.encodeStateAsUpdate(first));
  for (let i = 0; i < 2 + int(rnd, 2); i++) {
    const doc = seeded(rnd);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(first));
    doc.on('update', (u: Uint8Array, origin: unknown) => origin === local && log.push(u));
    clients.push({ doc, pm: start });
  }
  const commit = (c: PmClient, tr: Transform) => {
    if (!tr.docChanged) return;
    c.pm = tr.doc;
    c.doc.transact(() => {
      updateYFragment(c.doc, c.doc.getXmlFragment('default'), c.pm, { mapping: new Map(), isOMark: new Map() });
    }, local);
  };
  const textPositions = (pm: PmNode) => {
    const out: number[] = [];
    pm.descendants((node, pos) => {
      if (!node.isTextblock) return;
      // Only text in these blocks: offsets in textContent are offsets in the block.
      const text = node.textContent;
      for (let o = 0; o <= node.content.size; o++) if (boundary(text, o) === o) out.push(pos + 1 + o);
    });
    return out;
  };
  /** A position in the block of `$at`, moved off the middle of a surrogate pair. */
  const snapped = ($at: ResolvedPos, pos: number) => $at.start() + boundary($at.parent.textContent, pos - $at.start());
  let ids = 1;
  const steps = 30 + int(rnd, 50);
  for (let step = 0; step < steps; step++) {
    const c = clients[int(rnd, clients.length)]!;
    const positions = textPositions(c.pm);
    const r = rnd();
    if (r < 0.6) {
      let at = positions[int(rnd, positions.length)]!;
      for (let k = 1 + int(rnd, 10); k > 0; k--) {
        const s = CHARS[rnd() < 0.8 ? int(rnd, 3) : int(rnd, CHARS.length - 1)]!;
        commit(c, new Transform(c.pm).insert(at, schema.text(s, c.pm.resolve(at).marks())));
        at += s.length;
      }
    } else if (r < 0.7) {
      const at = positions[int(rnd, positions.length)]!;
      const $at = c.pm.resolve(at);
      if ($at.parent.content.size > 0 && $at.parentOffset < $at.parent.content.size)
        commit(c, new Transform(c.pm).delete(at, snapped($at, Math.min(at + 1 + int(rnd, 3), $at.end()))));
    } else if (r < 0.8) {
      const at = positions[int(rnd, positions.length)]!;
      const $at = c.pm.resolve(at);
      const mark = [
        schema.marks.bold!.create(),
        schema.marks.italic!.create(),
        schema.marks.link!.create({ href: 'https://example.org' }),
      ][int(rnd, 3)]!;
      if ($at.parentOffset < $at.parent.content.size)
        commit(c, new Transform(c.pm).addMark(at, snapped($at, Math.min(at + 1 + int(rnd, 5), $at.end())), mark));
    } else if (r < 0.88) {
      // A new list item after the one holding the position (Enter at the end of an item).
      const $at = c.pm.resolve(positions[int(rnd, positions.length)]!);
      for (let depth = $at.depth; depth > 0; depth--) {
        if ($at.node(depth).type.name !== 'listItem') continue;
        const item = schema.nodes.listItem!.create({ id: `i${ids++}-${step}` }, schema.nodes.paragraph!.create());
        commit(c, new Transform(c.pm).insert($at.after(depth), item));
        break;
      }
    } else {
      const other = clients[int(rnd, clients.length)]!;
      if (other === c) continue;
      Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(c.doc, Y.encodeStateVector(other.doc)));
      Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(c.doc)));
      for (const x of [c, other]) x.pm = yXmlFragmentToProseMirrorRootNode(x.doc.getXmlFragment('default'), schema);
    }
  }
  return log;
}

/**
 * `rounds` random histories stored as the server stores them (every fifth with a row lost for a
 * while), each loaded joined and row by row; a failing round prints its seed (TYPING_RUNS_SEED).
 */
function loadRandomRounds(history: (rnd: Rnd) => Uint8Array[], rounds: number): { rows: number; joined: number } {
  const seed = Number(process.env.TYPING_RUNS_SEED ?? Date.now() % 1_000_000);
  const rnd = prng(seed);
  let rows = 0;
  let joined = 0;
  for (let round = 0; round < rounds; round++) {
    const stored = storedLog(rnd, history(rnd), { lose: round % 5 === 4 });
    try {
      joined += expectSameLoad(stored.rows, stored.lost);
    } catch (err) {
      console.log(`seed ${seed}, round ${round}`);
      throw err;
    }
    rows += stored.rows.length;
  }
  return { rows, joined };
}

describe('joinTypingRuns', () => {
  it('joins a typed paragraph into one update per run', () => {
    const doc = new Y.Doc();
    const log: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => log.push(u));
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    doc.getXmlFragment('default').push([p]);
    for (let i = 0; i < 500; i++) t.insert(t.length, 'ab€😀'[i % 4]!);
    for (let i = 0; i < 100; i++) t.insert(200 + i, 'x'); // a second run, in the middle
    t.delete(10, 5);
    // The paragraph; both runs (the first from the character without origin); the delete set.
    expect(expectSameLoad(log)).toBe(4);
  });

  it('passes through what it does not join, unchanged and in order', () => {
    const doc = new Y.Doc();
    const log: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => log.push(u));
    doc.getMap('meta').set('a', 1);
    doc.getXmlFragment('default').push([new Y.XmlElement('paragraph')]);
    log.push(new Uint8Array([7, 7, 7])); // unreadable: left for Yjs to reject as before
    const joined = joinTypingRuns(log);
    expect(joined).toHaveLength(3);
    joined.forEach((u, i) => expect(u).toBe(log[i]));
  });

  it('loads random multi-client histories exactly as row by row', () => {
    const { rows, joined } = loadRandomRounds(yHistory, 20);
    // The point of it all: fewer updates to apply (about half here, where runs are 1-12 keystrokes).
    expect(joined).toBeLessThan(rows * 0.75);
  });

  it('loads random histories of the notes editor (y-tiptap binding) exactly as row by row', () => {
    const { rows, joined } = loadRandomRounds(pmHistory, 10);
    // Short runs between structural edits here: some joining, not much.
    expect(joined).toBeLessThan(rows);
  });
});
