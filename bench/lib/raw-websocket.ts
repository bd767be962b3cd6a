// A minimal WebSocket client for the load generators: binary frames only, no extensions, no
// fragmentation from the servers under test. It parses frames straight out of the TCP stream and
// hands out views of the payload, so a generator process can carry far more clients than with
// the general-purpose `ws` client (which the generators hit first at a few hundred thousand
// messages a second). Client frames are masked with a zero key, which the protocol allows.
import crypto from 'node:crypto';
import net from 'node:net';

export interface RawSocket {
  send(payload: Uint8Array): void;
  terminate(): void;
  readonly open: boolean;
}

export interface RawHandlers {
  onOpen(): void;
  onMessage(payload: Uint8Array): void;
  onClose(code: number, byServer: boolean): void;
}

const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;

function frame(opcode: number, payload: Uint8Array): Buffer {
  const len = payload.length;
  const headerLen = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(headerLen + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  out.writeUInt32BE(0, headerLen);
  out.set(payload, headerLen + 4);
  return out;
}

// Every socket of a generator process reads into this one buffer (net's `onread`), which skips
// the stream machinery ('data' events) and an allocation per read. What a read leaves unparsed (a
// partial frame) is copied out.
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);
const EMPTY = Buffer.alloc(0);

/**
 * Opens a WebSocket. Payloads handed to `onMessage` are views into a buffer the next read reuses:
 * read them at once, or copy them.
 */
export function connectRaw(url: string, handlers: RawHandlers): RawSocket {
  const u = new URL(url);
  let upgraded = false;
  let closed = false;
  let buf: Buffer = EMPTY;
  const socket = net.connect({
    port: Number(u.port),
    host: u.hostname,
    // true: keep reading (false would pause the socket).
    onread: {
      buffer: READ_BUFFER,
      callback: (nread: number, into: Uint8Array) => {
        onData(into as Buffer, nread);
        return true;
      },
    },
  });
  socket.setNoDelay(true);
  const finish = (code: number, byServer: boolean) => {
    if (closed) return;
    closed = true;
    socket.destroy();
    handlers.onClose(code, byServer);
  };
  socket.on('connect', () => {
    const key = crypto.randomBytes(16).toString('base64');
    socket.write(
      `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  const onData = (into: Buffer, nread: number) => {
    const chunk = into.subarray(0, nread);
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    if (!upgraded) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        buf = Buffer.from(buf);
        return;
      }
      const status = buf.subarray(0, buf.indexOf('\r\n')).toString();
      if (!/^HTTP\/1\.1 101/.test(status)) return finish(Number(status.split(' ')[1]) || 1006, true);
      upgraded = true;
      buf = buf.subarray(end + 4);
      handlers.onOpen();
    }
    let off = 0;
    while (!closed && buf.length - off >= 2) {
      const b0 = buf[off]!;
      let len = buf[off + 1]! & 0x7f;
      let p = off + 2;
      if (len === 126) {
        if (buf.length - off < 4) break;
        len = buf.readUInt16BE(off + 2);
        p = off + 4;
      } else if (len === 127) {
        if (buf.length - off < 10) break;
        len = Number(buf.readBigUInt64BE(off + 2));
        p = off + 10;
      }
      if (buf.length < p + len) break;
      const payload = buf.subarray(p, p + len);
      off = p + len;
      const opcode = b0 & 0x0f;
      if (opcode === OP_BINARY || opcode === OP_TEXT) handlers.onMessage(payload);
      else if (opcode === OP_PING) socket.write(frame(0xa, payload));
      else if (opcode === OP_CLOSE) finish(payload.length >= 2 ? payload.readUInt16BE(0) : 1005, true);
    }
    // Keep only the unparsed tail, copied: the read buffer is reused by the next read.
    buf = off >= buf.length ? EMPTY : Buffer.from(buf.subarray(off));
  };
  socket.on('error', () => finish(1006, true));
  socket.on('close', () => finish(1006, true));
  return {
    send(payload) {
      if (upgraded && !closed) socket.write(frame(OP_BINARY, payload));
    },
    terminate() {
      finish(1006, false);
    },
    get open() {
      return upgraded && !closed;
    },
  };
}
