// Joins runs of typed characters in a stored update log before Yjs applies it (issue 11, cold load).
// A note's log is mostly one row per keystroke: one client inserting one string item after the last
// character it inserted. Yjs applies 100,000 such rows one by one in ~0.5 s, nearly all of it the
// per-update cost (decoding, a struct store lookup, merging the item into its left neighbour);
// joined, the same run is one item and applies in microseconds.
//
// Why a joined run is the same document: an item whose origin is the previous item's last character,
// with the same client, the next clock and the same right origin, is exactly what Yjs itself stores
// as one item (Item.mergeWith) and writes as one struct (encodeStateAsUpdate); where a later insert
// lands inside the run, Yjs splits it back into pieces whose origins are those of the original
// items. Deletions commute with insertions (Yjs keeps deletes of items it has not seen yet), so
// delete sets are applied after everything else.
//
// Anything else (other content, formatting, embedded types, map entries, gaps, clocks out of
// order, duplicates, anything it cannot read) is passed through unchanged, in order.
// Plain JavaScript without imports: the log writer thread (an ES module Yjs) and the main process
// (one CommonJS Yjs) both use it.

const STRING = 4; // ContentString's ref in the low five bits of a struct's info byte
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class Unrecognised extends Error {}

// The update being read and the position in it: module state rather than an object per update,
// as this runs once per log row (100,000 times for one document).
const EMPTY = new Uint8Array(0);
let buf = EMPTY;
let at = 0;
let end = 0;

/** Reads a lib0 variable-length unsigned integer (clocks may pass 2^31: no bit operations). */
function readVarUint() {
  let num = 0;
  let mult = 1;
  for (;;) {
    if (at >= end) throw new Unrecognised();
    const b = buf[at++];
    num += (b & 0x7f) * mult;
    if (b < 0x80) return num;
    mult *= 128;
    if (mult > 2 ** 56) throw new Unrecognised();
  }
}

function writeVarUint(out, num) {
  while (num > 0x7f) {
    out.push(0x80 | (num % 128));
    num = Math.floor(num / 128);
  }
  out.push(num);
}

/** The length in UTF-16 code units (Yjs clocks count those) of UTF-8 bytes; -1 when malformed. */
function utf16Length(from, to) {
  for (let i = from; i < to; i++) {
    if (buf[i] < 0x80) continue;
    try {
      return fatalUtf8.decode(buf.subarray(from, to)).length;
    } catch {
      return -1;
    }
  }
  return to - from;
}

// The string inserts of the update just read, one slot per insert in each array (reused).
const ins = {
  count: 0,
  client: [],
  clock: [],
  length: [],
  info: [],
  originClient: [],
  originClock: [],
  rightClient: [],
  rightClock: [],
  headerStart: [],
  headerEnd: [],
  textStart: [],
  textEnd: [],
};

/**
 * Reads every struct of the v1 update in bytes `from` to `to` of `bytes` into `ins`. Returns the
 * offset of its delete set, or -1 when a struct is not a string insert or the update cannot be read.
 */
function readStringInserts(bytes, from, to) {
  buf = bytes;
  at = from;
  end = to;
  ins.count = 0;
  try {
    const clients = readVarUint();
    for (let c = 0; c < clients; c++) {
      const count = readVarUint();
      const client = readVarUint();
      let clock = readVarUint();
      for (let s = 0; s < count; s++) {
        const headerStart = at;
        if (at >= end) return -1;
        const info = buf[at++];
        if ((info & 0x1f) !== STRING || (info & HAS_PARENT_SUB) !== 0) return -1;
        let originClient = -1;
        let originClock = -1;
        let rightClient = -1;
        let rightClock = -1;
        if (info & HAS_ORIGIN) {
          originClient = readVarUint();
          originClock = readVarUint();
        }
        if (info & HAS_RIGHT_ORIGIN) {
          rightClient = readVarUint();
          rightClock = readVarUint();
        }
        if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
          // The parent: a root type's name (1) or the ID of the item holding the type (0).
          if (readVarUint() === 1) at += readVarUint();
          else {
            readVarUint();
            readVarUint();
          }
        }
        const headerEnd = at;
        const n = readVarUint();
        const textStart = at;
        at += n;
        if (at > end) return -1;
        const length = utf16Length(textStart, at);
        if (length <= 0) return -1;
        const i = ins.count++;
        ins.client[i] = client;
        ins.clock[i] = clock;
        ins.length[i] = length;
        ins.info[i] = info;
        ins.originClient[i] = originClient;
        ins.originClock[i] = originClock;
        ins.rightClient[i] = rightClient;
        ins.rightClock[i] = rightClock;
        ins.headerStart[i] = headerStart;
        ins.headerEnd[i] = headerEnd;
        ins.textStart[i] = textStart;
        ins.textEnd[i] = at;
        clock += length;
      }
    }
  } catch (err) {
    if (err instanceof Unrecognised) return -1;
    throw err;
  }
  return at < end ? at : -1;
}

/** One run as an update: one struct with the first item's header and every item's text. */
function encodeRun(run) {
  const head = [];
  writeVarUint(head, 1); // clients
  writeVarUint(head, 1); // structs
  writeVarUint(head, run.client);
  writeVarUint(head, run.clock);
  const pieces = run.pieces;
  let textBytes = 0;
  for (let p = 0; p < pieces.length; p += 3) textBytes += pieces[p + 2] - pieces[p + 1];
  const size = [];
  writeVarUint(size, textBytes);
  const header = run.bytes.subarray(run.headerStart, run.headerEnd);
  const out = new Uint8Array(head.length + header.length + size.length + textBytes + 1);
  out.set(head, 0);
  out.set(header, head.length);
  out.set(size, head.length + header.length);
  let o = head.length + header.length + size.length;
  // Well-formed UTF-8 pieces (checked when read) concatenate to the UTF-8 of the joined string.
  for (let p = 0; p < pieces.length; p += 3) {
    const bytes = pieces[p];
    for (let i = pieces[p + 1], to = pieces[p + 2]; i < to; i++) out[o++] = bytes[i];
  }
  out[o] = 0; // empty delete set
  return out;
}

/** Joins runs across the updates it is given one by one (see joinTypingRuns). */
class RunJoiner {
  out = [];
  deletes = [];
  // Each client's open run, and every run in the order it was opened: emitted in log order.
  open = new Map();
  order = [];

  /** The update in bytes `from` to `to` of `bytes`. */
  add(bytes, from, to) {
    const ds = readStringInserts(bytes, from, to);
    if (ds < 0) {
      this.emitRuns();
      this.out.push(slice(bytes, from, to));
      return;
    }
    // An empty delete set is one zero byte (no clients); any other is applied after everything.
    const noDeletes = ds === to - 1 && bytes[ds] === 0;
    if (!noDeletes) {
      const deleteOnly = new Uint8Array(to - ds + 1);
      deleteOnly.set(bytes.subarray(ds, to), 1); // no structs, then the delete set
      this.deletes.push(deleteOnly);
    }
    for (let i = 0; i < ins.count; i++) {
      const client = ins.client[i];
      const run = this.open.get(client);
      if (
        run !== undefined &&
        ins.clock[i] === run.end &&
        ins.originClient[i] === client &&
        ins.originClock[i] === run.end - 1 &&
        ins.rightClient[i] === run.rightClient &&
        ins.rightClock[i] === run.rightClock
      ) {
        run.pieces.push(bytes, ins.textStart[i], ins.textEnd[i]);
        run.end += ins.length[i];
        run.whole = false;
        continue;
      }
      // A new run for this client; the one it replaces stays in `order` to be emitted.
      const next = {
        client,
        clock: ins.clock[i],
        end: ins.clock[i] + ins.length[i],
        bytes,
        headerStart: ins.headerStart[i],
        headerEnd: ins.headerEnd[i],
        rightClient: ins.rightClient[i],
        rightClock: ins.rightClock[i],
        pieces: [bytes, ins.textStart[i], ins.textEnd[i]],
        // A run of one item that was the whole update is emitted as it came.
        whole: ins.count === 1 && noDeletes ? [from, to] : false,
      };
      this.open.set(client, next);
      this.order.push(next);
    }
  }

  emitRuns() {
    for (const run of this.order) this.out.push(run.whole ? slice(run.bytes, ...run.whole) : encodeRun(run));
    this.order = [];
    this.open.clear();
  }

  finish() {
    buf = EMPTY; // not kept alive until the next call
    this.emitRuns();
    for (const d of this.deletes) this.out.push(d);
    return this.out;
  }
}

const slice = (bytes, from, to) => (from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to));

/**
 * The same history as `updates` (v1 updates, applied in order) in fewer updates: runs of typed
 * characters joined into one update each, delete sets moved after everything else, and every other
 * update unchanged and in its place. Linear in the total size.
 */
export function joinTypingRuns(updates) {
  const joiner = new RunJoiner();
  for (const u of updates) joiner.add(u, 0, u.length);
  return joiner.finish();
}

/**
 * As joinTypingRuns for a stored document: its snapshot (or null), then its log rows as stored-doc.ts
 * and the log writer read them, in one buffer, each row after its length (4 bytes, big-endian).
 */
export function joinStoredLog(snapshot, log) {
  const joiner = new RunJoiner();
  if (snapshot) joiner.add(snapshot, 0, snapshot.length);
  if (log) {
    for (let i = 0; i < log.length;) {
      const n = ((log[i] << 24) | (log[i + 1] << 16) | (log[i + 2] << 8) | log[i + 3]) >>> 0;
      joiner.add(log, i + 4, i + 4 + n);
      i += 4 + n;
    }
  }
  return joiner.finish();
}
