// Hostile WebSocket frames for the collab fuzzer, from a seeded generator so a failure can be
// replayed. `mustClose` frames are invalid by construction (the server must close the
// connection); `mayPass` frames are random or mutated and may happen to be valid.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export type Frame = { kind: string; data: Uint8Array | string };

function bytes(rand: () => number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rand() * 256);
  return b;
}

function message(parts: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  parts(e);
  return encoding.toUint8Array(e);
}

function syncUpdate(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** A genuine small update: a paragraph with some text, from a client id of the generator's choosing. */
function genuineUpdate(rand: () => number): Uint8Array {
  const d = new Y.Doc();
  d.clientID = 1 + Math.floor(rand() * 2 ** 30);
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  p.insert(0, [t]);
  d.getXmlFragment('default').push([p]);
  t.insert(0, 'fuzz'.repeat(1 + Math.floor(rand() * 4)));
  return Y.encodeStateAsUpdate(d);
}

function applies(update: Uint8Array): boolean {
  const d = new Y.Doc();
  try {
    Y.applyUpdate(d, update);
    return true;
  } catch {
    return false;
  } finally {
    d.destroy();
  }
}

function mutate(rand: () => number, src: Uint8Array): Uint8Array {
  const out = Uint8Array.from(src);
  const flips = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < flips; i++) out[Math.floor(rand() * out.length)] = Math.floor(rand() * 256);
  return rand() < 0.3 ? out.slice(0, Math.floor(rand() * out.length)) : out;
}

export function mustCloseFrame(rand: () => number): Frame {
  const pick = Math.floor(rand() * 8);
  switch (pick) {
    case 0:
      return { kind: 'text frame', data: 'not a binary frame' };
    case 1:
      return { kind: 'empty frame', data: new Uint8Array(0) };
    case 2: {
      const forms = [[0x80], [0x00, 0x80], [0x00, 0x02, 0xff], [0x01, 0xff, 0xff], [0x00, 0x00, 0x85]];
      return { kind: 'truncated varint', data: Uint8Array.from(forms[Math.floor(rand() * forms.length)]!) };
    }
    case 3:
      return {
        kind: 'huge length',
        data: message((e) => {
          const awareness = rand() < 0.5;
          encoding.writeVarUint(e, awareness ? 1 : 0);
          if (!awareness) encoding.writeVarUint(e, 2);
          encoding.writeVarUint(e, rand() < 0.5 ? 0x7fffffff : 2 ** 40);
          encoding.writeUint8Array(e, bytes(rand, 8));
        }),
      };
    case 4:
      return {
        kind: 'unknown message type',
        data: message((e) => {
          encoding.writeVarUint(e, 4 + Math.floor(rand() * 200));
          encoding.writeUint8Array(e, bytes(rand, Math.floor(rand() * 16)));
        }),
      };
    case 5:
      return {
        kind: 'unknown sync type',
        data: message((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 3 + Math.floor(rand() * 50));
          encoding.writeVarUint8Array(e, bytes(rand, 4));
        }),
      };
    default: {
      // A valid-looking update that no Yjs document can take: mutate until it fails to apply.
      const genuine = genuineUpdate(rand);
      for (let i = 0; i < 50; i++) {
        const bad = mutate(rand, genuine);
        if (!applies(bad)) return { kind: 'corrupt Yjs update', data: syncUpdate(bad) };
      }
      return { kind: 'corrupt Yjs update', data: syncUpdate(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f])) };
    }
  }
}

export function mayPassFrame(rand: () => number): Frame {
  const pick = Math.floor(rand() * 3);
  if (pick === 0) return { kind: 'random bytes', data: bytes(rand, 1 + Math.floor(rand() * 64)) };
  if (pick === 1) return { kind: 'mutated message', data: mutate(rand, syncUpdate(genuineUpdate(rand))) };
  return { kind: 'mutated update', data: syncUpdate(mutate(rand, genuineUpdate(rand))) };
}

/** An awareness update announcing `count` made-up clients with states of about `stateBytes` each. */
export function awarenessFlood(rand: () => number, count: number, stateBytes: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(inner, 1 + Math.floor(rand() * 2 ** 30));
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: 'x'.repeat(stateBytes) } }));
  }
  return message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });
}
