/**
 * Binary WebSocket frames (RFC 6455 §5.2) as a server sends them: final, unmasked, opcode 2.
 * A broadcast is framed once and the same bytes are written to every client's socket; several
 * messages for the same clients in one turn are framed back to back into one buffer, one write.
 */
export function binaryFrames(messages: readonly Uint8Array[]): Buffer {
  let size = 0;
  for (const m of messages) size += headerLength(m.length) + m.length;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const m of messages) {
    out[at++] = 0x82; // FIN + binary
    if (m.length < 126) {
      out[at++] = m.length;
    } else if (m.length < 65536) {
      out[at++] = 126;
      out.writeUInt16BE(m.length, at);
      at += 2;
    } else {
      out[at++] = 127;
      out.writeBigUInt64BE(BigInt(m.length), at);
      at += 8;
    }
    out.set(m, at);
    at += m.length;
  }
  return out;
}

function headerLength(n: number): number {
  return n < 126 ? 2 : n < 65536 ? 4 : 10;
}
