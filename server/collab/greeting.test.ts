import { describe, expect, it } from 'vitest';
import WS from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { MessageType, SyncType, syncStep1Message } from '@/lib/collab/protocol';
import { notesFixture, notesText, waitFor, waitSynced } from '@/test/collab-support';
import { collabPerFile } from '@/test/collab-per-file';

const server = collabPerFile();

/** A bare y-websocket connection recording the sync messages it receives, in order. */
async function bare(url: string) {
  const steps: { type: number; payload: Uint8Array }[] = [];
  const ws = new WS(url);
  ws.on('message', (data: Buffer) => {
    const d = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(d) !== MessageType.sync) return;
    const type = decoding.readVarUint(d);
    steps.push({ type, payload: decoding.readVarUint8Array(d) });
  });
  await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
  const stateVectorOfNothing = Y.encodeStateVector(new Y.Doc());
  return {
    steps,
    step2s: () => steps.filter((s) => s.type === SyncType.step2),
    sendStep1: () => ws.send(syncStep1Message(stateVectorOfNothing)),
    close: () => ws.close(),
  };
}

const textOf = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return notesText(doc).toString();
};

async function documentHolding(text: string) {
  const f = await notesFixture();
  const writer = server.client(server.collab.url, f.docName, f.token);
  await waitSynced(writer);
  writer.text.insert(0, text);
  await waitFor(() => notesText(server.collab.server.docs.get(f.docName)?.ydoc).toString() === text, {
    what: 'the server has the text',
  });
  return `${server.collab.url}/${f.docName}?token=${f.token}`;
}

describe('the greeting', () => {
  it('holds a small document whole, so the client is in sync before it asks; its first sync step 1 gets no second copy', async () => {
    const url = await documentHolding('small notes');
    const c = await bare(url);
    await waitFor(() => c.step2s().length === 1, { what: 'the state with the greeting' });
    expect(c.steps[0]!.type).toBe(SyncType.step1);
    expect(textOf(c.step2s()[0]!.payload)).toBe('small notes');
    // Two step 1s: messages are handled in order, so once the second is answered the first was
    // handled too, without an answer.
    c.sendStep1();
    c.sendStep1();
    await waitFor(() => c.step2s().length === 2, { what: 'the answer to the second step 1' });
    expect(textOf(c.step2s()[1]!.payload)).toBe('small notes');
    c.close();
  });

  it('leaves a large document out of the greeting and answers the sync step 1 with it', async () => {
    const big = 'x'.repeat(20_000);
    const url = await documentHolding(big);
    const c = await bare(url);
    await waitFor(() => c.steps.length >= 1, { what: 'the greeting' });
    c.sendStep1();
    await waitFor(() => c.step2s().length === 1, { what: 'the answer to the step 1' });
    expect(textOf(c.step2s()[0]!.payload)).toBe(big);
    c.close();
  });

  it('still converges with stock clients joining and typing at once', async () => {
    const url = await documentHolding('start ');
    const f = new URL(url);
    const docName = f.pathname.split('/').pop()!;
    const token = f.searchParams.get('token')!;
    const clients = Array.from({ length: 6 }, () => server.client(server.collab.url, docName, token));
    clients.forEach((c, i) => c.text.insert(0, `${i}`));
    await waitFor(
      () => clients.every((c) => c.text.toString() === clients[0]!.text.toString() && c.text.length === 12),
      {
        what: 'convergence',
      },
    );
  });
});
