import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { colorForUser } from '@/lib/notes/presence';
import type { CollabConnection } from './connection';

/** Awareness client ids one connection may own (one per Y.Doc; a spare for a clientID change). */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 4;

export type AwarenessVerdict =
  | { ok: true; update: Uint8Array | null }
  | { ok: false; reason: 'awareness state too large' | 'too many awareness ids' };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What the server lets a connection say about itself in presence. Anonymous connections say
 * nothing; signed-in ones appear with the name and colour the server knows for their user, read-only
 * ones without a cursor; an editor's cursor is the only thing taken from the client.
 */
function serverState(conn: CollabConnection, claimed: unknown): unknown {
  const userId = conn.identity.userId;
  if (userId === null) return undefined;
  const user = {
    id: userId,
    name: conn.identity.name ?? 'Someone',
    color: colorForUser(userId),
    readOnly: conn.readOnly,
  };
  const cursor = isPlainObject(claimed) ? claimed.cursor : undefined;
  if (!conn.readOnly && isPlainObject(cursor) && Object.keys(cursor).every((k) => k === 'anchor' || k === 'head'))
    return { user, cursor };
  return { user };
}

/**
 * Rewrites a client's awareness update before it is applied: states over the size limit or too
 * many client ids close the connection; entries for client ids another connection (here or on
 * another node) owns are dropped; every state is replaced by serverState(). Null when nothing is left.
 */
export function guardAwareness(conn: CollabConnection, update: Uint8Array, maxStateBytes: number): AwarenessVerdict {
  const d = decoding.createDecoder(update);
  const count = decoding.readVarUint(d);
  const states = conn.doc.awareness.getStates();
  const e = encoding.createEncoder();
  const kept: [number, number, string][] = [];
  const claims = new Set(conn.awarenessIds);
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    const json = decoding.readVarString(d);
    if (json.length > maxStateBytes) return { ok: false, reason: 'awareness state too large' };
    if (!conn.awarenessIds.has(clientId)) {
      // The stock provider echoes every awareness change it hears, other clients' included: an
      // entry for an id someone holds, a removal of an id it does not hold, or a clock y-protocols
      // would ignore as stale is not a claim; it is dropped quietly.
      const known = conn.doc.awareness.meta.get(clientId);
      if (states.has(clientId) || json === 'null' || (known && clock <= known.clock)) continue;
    }
    claims.add(clientId);
    if (claims.size > MAX_AWARENESS_IDS_PER_CONNECTION) return { ok: false, reason: 'too many awareness ids' };
    const claimed: unknown = JSON.parse(json);
    const state = claimed === null ? null : serverState(conn, claimed);
    if (state === undefined) continue;
    kept.push([clientId, clock, JSON.stringify(state)]);
  }
  if (kept.length === 0) return { ok: true, update: null };
  encoding.writeVarUint(e, kept.length);
  for (const [clientId, clock, json] of kept) {
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, json);
  }
  return { ok: true, update: encoding.toUint8Array(e) };
}
