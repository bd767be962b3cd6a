import { describe, expect, it } from 'vitest';
import WS from 'ws';
import * as encoding from 'lib0/encoding';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { notesFixture, waitFor, waitSynced, type Client } from '@/test/collab-support';
import { collabPerFile } from '@/test/collab-per-file';

// Issue 9 #3: presence (awareness) is what the server says about each connection. Anonymous
// connections publish nothing, read-only ones a cursor-free state, names come from the server's
// identity, a client cannot touch another client's entry, and every state is size-limited.

const server = collabPerFile({ maxAwarenessBytes: 1024 });
const client = server.client;

const state = (observer: Client, of: Client) =>
  observer.provider.awareness.getStates().get(of.doc.clientID) as Record<string, unknown> | undefined;

/** A raw awareness message: entries of [clientID, clock, state]. */
function awarenessMessage(entries: [number, number, unknown][]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [id, clock, s] of entries) {
    encoding.writeVarUint(inner, id);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(s));
  }
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  return encoding.toUint8Array(e);
}

function raw(url: string): Promise<WS> {
  return new Promise((resolve, reject) => {
    const ws = new WS(url);
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

describe('presence comes from the server', () => {
  it("shows the server's name for an editor whatever it claims, and keeps its cursor", async () => {
    const f = await notesFixture();
    const a = client(server.collab.url, f.docName, f.token);
    const b = client(server.collab.url, f.docName, f.token);
    await waitSynced(a, b);
    a.provider.awareness.setLocalState({
      user: { id: 'someone-else', name: 'The Organiser (trust me)', color: 'red' },
      cursor: { anchor: { x: 1 }, head: { x: 1 } },
      evil: 'x'.repeat(100),
    });
    await waitFor(() => state(b, a)?.cursor, { what: 'cursor at b' });
    expect(state(b, a)).toEqual({
      user: {
        id: f.organiser.id,
        name: f.organiser.name,
        color: expect.stringMatching(/^#[0-9a-f]{6}$/),
        readOnly: false,
      },
      cursor: { anchor: { x: 1 }, head: { x: 1 } },
    });
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), { what: 'removed when a leaves' });
  });

  it('publishes nothing for anonymous readers and a cursor-free state for signed-in readers', async () => {
    const f = await notesFixture('PUBLIC');
    const writer = client(server.collab.url, f.docName, f.token);
    const anon = client(server.collab.url, f.docName, f.tokenFor(null, true));
    const reader = client(server.collab.url, f.docName, f.tokenFor(f.organiser.id, true));
    await waitSynced(writer, anon, reader);
    anon.provider.awareness.setLocalState({
      user: { id: f.organiser.id, name: f.organiser.name },
      cursor: { anchor: 1, head: 1 },
    });
    reader.provider.awareness.setLocalState({ user: { id: 'x', name: 'Fake Name' }, cursor: { anchor: 1, head: 1 } });
    await waitFor(() => state(writer, reader), { what: 'reader state' });
    expect(state(writer, reader)).toEqual({
      user: { id: f.organiser.id, name: f.organiser.name, color: expect.any(String), readOnly: true },
    });
    // The writer's own later change arrives after the anonymous reader's: the anonymous state never came.
    writer.provider.awareness.setLocalStateField('cursor', { anchor: 2, head: 2 });
    await waitFor(() => state(reader, writer)?.cursor, { what: 'writer cursor at reader' });
    expect(state(writer, anon)).toBeUndefined();
    expect(server.collab.server.docs.get(f.docName)!.awareness.getStates().has(anon.doc.clientID)).toBe(false);
  });

  it("drops changes to client ids another connection owns, and limits each connection's ids", async () => {
    const f = await notesFixture();
    const victim = client(server.collab.url, f.docName, f.token);
    const observer = client(server.collab.url, f.docName, f.token);
    await waitSynced(victim, observer);
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 5, head: 5 });
    await waitFor(() => state(observer, victim)?.cursor, { what: 'victim cursor' });
    const before = state(observer, victim);

    const attacker = await raw(`${server.collab.url}/${f.docName}?token=${f.token}`);
    attacker.send(
      awarenessMessage([
        [victim.doc.clientID, 1_000_000, { user: { id: 'x', name: 'hijacked' }, cursor: { anchor: 0, head: 0 } }],
      ]),
    );
    attacker.send(awarenessMessage([[victim.doc.clientID, 1_000_001, null]]));
    // A later change of the attacker's own id is seen; the victim's entry is as it was.
    attacker.send(awarenessMessage([[424242, 1, { cursor: { anchor: 9, head: 9 } }]]));
    await waitFor(() => observer.provider.awareness.getStates().get(424242), { what: "attacker's own entry" });
    expect(state(observer, victim)).toEqual(before);

    const closed = new Promise<number>((resolve) => attacker.on('close', (code) => resolve(code)));
    attacker.send(awarenessMessage([1, 2, 3, 4, 5].map((id) => [id, 1, {}] as [number, number, unknown])));
    expect(await closed).toBe(CollabCloseCode.badMessage);
    expect(state(observer, victim)).toEqual(before);
  });

  it('closes a connection that publishes an oversized state; nobody receives it', async () => {
    const f = await notesFixture();
    const observer = client(server.collab.url, f.docName, f.token);
    await waitSynced(observer);
    const flooder = await raw(`${server.collab.url}/${f.docName}?token=${f.token}`);
    const closed = new Promise<number>((resolve) => flooder.on('close', (code) => resolve(code)));
    flooder.send(awarenessMessage([[777, 1, { cursor: { anchor: 'x'.repeat(2000), head: 1 } }]]));
    expect(await closed).toBe(CollabCloseCode.badMessage);
    observer.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await waitFor(async () =>
      (await server.collab.server.metrics.closed.get()).values.some((v) => v.labels.reason === 'bad_awareness'),
    );
    expect(observer.provider.awareness.getStates().has(777)).toBe(false);
  });
});
