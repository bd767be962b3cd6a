import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as wsModule from 'ws';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { awarenessMessage, updateMessage } from '@/lib/collab/protocol';
import { collabPerFile } from '@/test/collab-per-file';
import { notesFixture, notesText, seedNotes, waitFor, waitSynced } from '@/test/collab-support';
import { binaryFrames } from './frames';

const server = collabPerFile();

// ws's frame parser (exported at run time, not in its types): what every ws client runs.
interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  write(chunk: Buffer, callback: () => void): void;
}
const { Receiver } = wsModule as unknown as {
  Receiver: new (opts: { isServer: boolean; maxPayload: number }) => FrameReceiver;
};

describe('binaryFrames', () => {
  it('frames messages back to back as ws reads them, at every length boundary', async () => {
    const lengths = [0, 1, 125, 126, 127, 65535, 65536, 70000];
    const messages = lengths.map((n, i) => Buffer.alloc(n, i + 1));
    const got: Buffer[] = [];
    const receiver = new Receiver({ isServer: false, maxPayload: 1 << 20 });
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(true);
      got.push(data);
    });
    const framed = binaryFrames(messages);
    // Fed in odd-sized pieces, as TCP may deliver them.
    for (let at = 0; at < framed.length; at += 999)
      await new Promise<void>((resolve) => receiver.write(framed.subarray(at, at + 999), () => resolve()));
    expect(got.map((b) => b.length)).toEqual(lengths);
    expect(got.every((b, i) => b.equals(messages[i]!))).toBe(true);
  });
});

describe('broadcast', () => {
  it('writes one buffer per client for a turn that carries an edit and a presence change, no echo to the sender', async () => {
    const f = await notesFixture();
    const members = [f.token, f.tokenFor((await f.member()).id), f.tokenFor(null, true)];
    const clients = members.map((t) => server.client(server.collab.url, f.docName, t));
    await waitSynced(...clients);
    const doc = server.collab.server.docs.get(f.docName)!;
    const conns = [...doc.conns];
    expect(conns).toHaveLength(3);

    // Count the writes to each client's socket from here on.
    const writes = new Map<unknown, number>();
    const bytes = new Map<unknown, number>();
    for (const c of conns) {
      const socket = (c.ws as unknown as { _socket: Writable })._socket;
      const write = socket.write.bind(socket) as (...a: unknown[]) => boolean;
      socket.write = ((...a: unknown[]) => {
        writes.set(c, (writes.get(c) ?? 0) + 1);
        bytes.set(c, (bytes.get(c) ?? 0) + (a[0] as Buffer).length);
        return write(...a);
      }) as typeof socket.write;
    }

    // An edit and a cursor, read from the organiser's socket in one turn.
    const editor = new Y.Doc();
    seedNotes(editor);
    const before = Y.encodeStateVector(editor);
    notesText(editor).insert(0, 'framed once');
    const edit = updateMessage(Y.encodeStateAsUpdate(editor, before));
    const awareness = new Awareness(editor);
    awareness.setLocalState({ cursor: { anchor: 1, head: 1 } });
    const cursor = awarenessMessage(encodeAwarenessUpdate(awareness, [editor.clientID]));
    const sender = conns.find((c) => c.identity.userId === f.organiser.id)!;
    // The organiser's own client holds its edit (as if typed; the provider does not send what it applied itself).
    Y.applyUpdate(clients[0]!.doc, Y.encodeStateAsUpdate(editor, before), clients[0]!.provider);
    sender.onMessage(Buffer.from(edit), true);
    sender.onMessage(Buffer.from(cursor), true);
    // The document flushes in the check phase this turn queued it for; ours comes after it.
    await new Promise((r) => setImmediate(r));
    expect(conns.map((c) => writes.get(c) ?? 0)).toEqual([1, 1, 1]);
    // The others' write holds the edit too; the sender's only the cursor.
    for (const c of conns) if (c !== sender) expect(bytes.get(sender)).toBeLessThan(bytes.get(c)! - edit.length);

    // What the writes carried is both messages, intact (the sender gets only the cursor: it has its edit).
    await waitFor(() => clients.every((c) => c.text.toString() === 'framed once'), { what: 'edit everywhere' });
    await waitFor(() => clients.every((c) => c.provider.awareness.getStates().has(editor.clientID)), {
      what: 'cursor everywhere',
    });
    awareness.destroy();
    editor.destroy();
  });
});
