// The two wire dialects under test. y-websocket's (Hallway and the reference server): every
// message starts with its type. Hocuspocus's: every message starts with the document name, and
// a connection must authenticate before it is served.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type Dialect = 'y-websocket' | 'hocuspocus';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const HOCUSPOCUS_SYNC_REPLY = 4;
export const STEP1 = 0;
export const STEP2 = 1;
export const UPDATE = 2;

function start(dialect: Dialect, doc: string): encoding.Encoder {
  const e = encoding.createEncoder();
  if (dialect === 'hocuspocus') encoding.writeVarString(e, doc);
  return e;
}

export function syncMessage(dialect: Dialect, doc: string, step: number, payload: Uint8Array): Uint8Array {
  const e = start(dialect, doc);
  encoding.writeVarUint(e, SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

export function awarenessMessage(dialect: Dialect, doc: string, payload: Uint8Array): Uint8Array {
  const e = start(dialect, doc);
  encoding.writeVarUint(e, AWARENESS);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** Hocuspocus's first message on a document: the token (any string when the server has no auth hook). */
export function hocuspocusAuthMessage(doc: string, token: string): Uint8Array {
  const e = start('hocuspocus', doc);
  encoding.writeVarUint(e, AUTH);
  encoding.writeVarUint(e, 0);
  encoding.writeVarString(e, token);
  return encoding.toUint8Array(e);
}

/** What a client needs to know of an incoming message. Only the header is read unless it carries Yjs data. */
export type Incoming =
  | { kind: 'step1'; payload: Uint8Array }
  | { kind: 'step2' | 'update'; payload: Uint8Array }
  | { kind: 'authenticated' }
  | { kind: 'denied' }
  | { kind: 'other' };

export function readMessage(dialect: Dialect, data: Uint8Array): Incoming {
  const d = decoding.createDecoder(data);
  if (dialect === 'hocuspocus') decoding.readVarString(d);
  const type = decoding.readVarUint(d);
  if (type === SYNC || (dialect === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)) {
    const step = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (step === STEP1) return { kind: 'step1', payload };
    return { kind: step === STEP2 ? 'step2' : 'update', payload };
  }
  if (dialect === 'hocuspocus' && type === AUTH) {
    const sub = decoding.readVarUint(d);
    return { kind: sub === 2 ? 'authenticated' : 'denied' };
  }
  return { kind: 'other' };
}
