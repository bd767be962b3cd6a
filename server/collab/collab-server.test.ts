import { describe, expect, it } from 'vitest';
import WS from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { db } from '@/lib/db';
import { buildApiToken, buildUser, sessionCookieFor } from '@/test/builders';
import { signCollabToken } from '@/lib/auth/collab-token';
import {
  notesFixture,
  notesText,
  startCollab,
  storedText,
  upgradeStatus,
  waitFor,
  waitSynced,
} from '@/test/collab-support';
import { collabPerFile } from '@/test/collab-per-file';

const server = collabPerFile({ revalidateMs: 200 });
const client = server.client;

describe('sync', () => {
  it('two clients converge on concurrent edits and a late joiner gets the full state', async () => {
    const f = await notesFixture();
    const a = client(server.collab.url, f.docName, f.token);
    const b = client(server.collab.url, f.docName, f.token);
    await waitSynced(a, b);
    // Concurrent: both edit before either hears of the other.
    a.text.insert(0, 'alpha ');
    b.text.insert(0, 'beta ');
    await waitFor(() => a.text.toString() === b.text.toString() && a.text.length === 11, { what: 'convergence' });
    const c = client(server.collab.url, f.docName, f.token);
    await waitFor(() => c.text.toString() === a.text.toString(), { what: 'late joiner state' });
    await waitFor(async () => (await storedText(f.docName)) === a.text.toString(), { what: 'stored' });
  });

  it('shares awareness (cursors) between clients and removes it when a client leaves', async () => {
    const f = await notesFixture();
    const a = client(server.collab.url, f.docName, f.token);
    const b = client(server.collab.url, f.docName, f.token);
    a.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 });
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.cursor?.anchor === 3, {
      what: 'awareness at b',
    });
    a.provider.disconnect();
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), { what: 'awareness removed' });
  });

  it('keeps content across a server restart', async () => {
    const f = await notesFixture();
    const server = await startCollab();
    const a = client(server.url, f.docName, f.token);
    a.text.insert(0, 'survives restarts');
    await waitSynced(a);
    await waitFor(() => notesText(server.server.docs.get(f.docName)?.ydoc).toString() === 'survives restarts');
    a.provider.disconnect();
    await server.close();
    const again = await startCollab();
    const b = client(again.url, f.docName, f.token);
    await waitFor(() => b.text.toString() === 'survives restarts', { what: 'content after restart' });
    await again.close();
  });
});

describe('read-only', () => {
  it("drops a read-only client's updates: never applied, broadcast or stored", async () => {
    const f = await notesFixture('PUBLIC');
    const writer = client(server.collab.url, f.docName, f.token);
    const reader = client(server.collab.url, f.docName, f.tokenFor(null, true));
    const other = client(server.collab.url, f.docName, f.token);
    await waitSynced(writer, reader, other);
    const droppedBefore = (await server.collab.server.metrics.readOnlyDropped.get()).values[0]?.value ?? 0;
    reader.text.insert(0, 'VANDAL ');
    await waitFor(
      async () => ((await server.collab.server.metrics.readOnlyDropped.get()).values[0]?.value ?? 0) > droppedBefore,
      { what: 'drop counted' },
    );
    writer.text.insert(0, 'legit');
    // The reader still receives the document.
    await waitFor(() => reader.text.toString().includes('legit') && other.text.toString() === 'legit', {
      what: 'writer edit everywhere',
    });
    await writer.provider.awareness.setLocalStateField('x', 1);
    await server.collab.server.flush();
    expect(writer.text.toString()).toBe('legit');
    expect(other.text.toString()).toBe('legit');
    expect(notesText(server.collab.server.docs.get(f.docName)!.ydoc).toString()).toBe('legit');
    expect(await storedText(f.docName)).toBe('legit');
  });

  it('gives a member whose token says read-only a read-only connection', async () => {
    const f = await notesFixture('PRIVATE');
    const writer = client(server.collab.url, f.docName, f.token);
    const ro = client(server.collab.url, f.docName, f.tokenFor(f.organiser.id, true));
    await waitSynced(writer, ro);
    ro.text.insert(0, 'nope');
    writer.text.insert(0, 'yes');
    await waitFor(() => ro.text.toString().includes('yes'));
    await server.collab.server.flush();
    expect(await storedText(f.docName)).toBe('yes');
  });
});

describe('who may connect', () => {
  it('refuses upgrades without valid credentials for the document', async () => {
    const f = await notesFixture('PRIVATE');
    const other = await notesFixture('PRIVATE');
    const outsider = await buildUser();
    const url = (token?: string) =>
      `${server.collab.url}/${f.docName}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
    expect(await upgradeStatus(url())).toBe(401);
    expect(await upgradeStatus(url('garbage'))).toBe(401);
    expect(await upgradeStatus(url(f.token.slice(0, -2) + 'xx'))).toBe(401);
    const expired = signCollabToken({
      userId: f.organiser.id,
      docName: f.docName,
      readOnly: false,
      ttlSeconds: 60,
      now: Date.now() - 120_000,
    }).token;
    expect(await upgradeStatus(url(expired))).toBe(401);
    // A valid token for another document.
    expect(await upgradeStatus(url(other.token))).toBe(403);
    // A well-signed token for someone who has no access (private event, not a member).
    expect(await upgradeStatus(url(f.tokenFor(outsider.id)))).toBe(403);
    expect(await upgradeStatus(url(f.tokenFor(null, true)))).toBe(403);
    expect(await upgradeStatus(url('hw_' + 'x'.repeat(40)))).toBe(401);
    expect(await upgradeStatus(url(await buildApiToken(outsider.id)))).toBe(403);
    expect(await upgradeStatus(`${server.collab.url}/not-a-doc?token=${other.token}`)).toBe(403);
    // Session cookies: accepted from our own origin, refused from another site.
    const cookie = await sessionCookieFor(f.organiser);
    expect(await upgradeStatus(url(), { cookie, origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url(), { cookie: await sessionCookieFor(outsider) })).toBe(403);
    expect(await upgradeStatus(url(), { cookie, origin: `http://127.0.0.1:${server.collab.port}` })).toBe(101);
    expect(await upgradeStatus(url(await buildApiToken(f.organiser.id)))).toBe(101);
    expect(await upgradeStatus(url(f.token))).toBe(101);
    const refused = await server.collab.server.metrics.refused.get();
    expect(refused.values.length).toBeGreaterThan(0);
  });

  it('sends nothing of the document on a refused upgrade', async () => {
    const f = await notesFixture('PRIVATE');
    const c = client(server.collab.url, f.docName, 'hc1.bad.token');
    await waitFor(() => c.closeCodes.length > 0, { what: 'refused' });
    c.provider.disconnect();
    expect(c.provider.synced).toBe(false);
    expect(c.text.toString()).toBe('');
  });

  it('closes the connections of a member removed from a private event within seconds', async () => {
    const f = await notesFixture('PRIVATE');
    const m = await f.member();
    const c = client(server.collab.url, f.docName, f.tokenFor(m.id));
    await waitSynced(c);
    await db.membership.deleteMany({ where: { eventId: f.event.id, userId: m.id } });
    await waitFor(() => c.closeCodes.includes(CollabCloseCode.accessRevoked), { what: 'revocation close' });
    // 4403 is permanent for the stock client: it stops retrying with the stale token.
    await waitFor(() => c.provider.shouldConnect === false);
  });

  it('closes everyone anonymous when an event is made private', async () => {
    const f = await notesFixture('UNLISTED');
    const c = client(server.collab.url, f.docName, f.tokenFor(null, true));
    await waitSynced(c);
    await db.event.update({ where: { id: f.event.id }, data: { visibility: 'PRIVATE' } });
    await waitFor(() => c.closeCodes.includes(CollabCloseCode.accessRevoked), { what: 'revocation close' });
  });
});

describe('hostile input', () => {
  function raw(url: string): Promise<WS> {
    return new Promise((resolve, reject) => {
      const ws = new WS(url);
      ws.on('open', () => resolve(ws));
      ws.on('error', reject);
    });
  }
  const closeCode = (ws: WS) => new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));

  it('closes connections that send bad frames, unknown types, invalid updates or oversized messages, unharmed otherwise', async () => {
    const f = await notesFixture();
    const small = await startCollab({ maxMessageBytes: 64 * 1024 });
    const good = client(small.url, f.docName, f.token);
    good.text.insert(0, 'intact');
    await waitSynced(good);
    const url = `${small.url}/${f.docName}?token=${f.token}`;

    const text = await raw(url);
    const textClosed = closeCode(text);
    text.send('hello');
    expect(await textClosed).toBe(CollabCloseCode.badMessage);

    const unknown = await raw(url);
    const unknownClosed = closeCode(unknown);
    unknown.send(new Uint8Array([42, 1, 2]));
    expect(await unknownClosed).toBe(CollabCloseCode.badMessage);

    const poison = await raw(url);
    const poisonClosed = closeCode(poison);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, new Uint8Array([5, 200, 1, 7, 7, 7, 255, 255, 255, 255, 15, 9]));
    poison.send(encoding.toUint8Array(e));
    expect(await poisonClosed).toBe(CollabCloseCode.badMessage);

    const badAwareness = await raw(url);
    const awClosed = closeCode(badAwareness);
    badAwareness.send(new Uint8Array([1, 5, 1, 9, 1, 1, 0x7b]));
    expect(await awClosed).toBe(CollabCloseCode.badMessage);

    const big = await raw(url);
    const bigClosed = closeCode(big);
    big.send(new Uint8Array(100 * 1024));
    expect(await bigClosed).toBe(1009);

    good.text.insert(6, ' and well');
    const late = client(small.url, f.docName, f.token);
    await waitFor(() => late.text.toString() === 'intact and well', { what: 'document unaffected' });
    await small.server.flush();
    expect(await storedText(f.docName)).toBe('intact and well');
    const closed = await small.server.metrics.closed.get();
    expect(closed.values.find((v) => v.labels.reason === 'invalid_update')?.value).toBeGreaterThan(0);
    await small.close();
  });

  it('closes a flooding user (per-user rate) and refuses connections over the per-user and per-document limits', async () => {
    const f = await notesFixture();
    const limited = await startCollab({
      ratePerUserPerSecond: 5,
      rateBurst: 20,
      maxConnectionsPerUser: 2,
      maxConnectionsPerDoc: 3,
    });
    const url = `${limited.url}/${f.docName}`;
    const a = client(limited.url, f.docName, f.token);
    await waitSynced(a);
    for (let i = 0; i < 60; i++) a.text.insert(0, 'x');
    await waitFor(() => a.closeCodes.includes(CollabCloseCode.rateLimited), { what: 'rate-limit close' });
    a.destroy();

    const m1 = await f.member();
    const m2 = await f.member();
    const opened = [
      client(limited.url, f.docName, f.tokenFor(m1.id)),
      client(limited.url, f.docName, f.tokenFor(m1.id)),
    ];
    await waitSynced(...opened);
    expect(await upgradeStatus(`${url}?token=${f.tokenFor(m1.id)}`)).toBe(429);
    opened.push(client(limited.url, f.docName, f.tokenFor(m2.id)));
    await waitSynced(...opened);
    expect(await upgradeStatus(`${url}?token=${f.tokenFor(f.organiser.id)}`)).toBe(429);
    for (const c of opened) c.destroy();
    await limited.close();
  });

  it('limits anonymous connections per client address, not signed-in ones', async () => {
    const f = await notesFixture('PUBLIC');
    const limited = await startCollab({ maxAnonymousConnectionsPerAddress: 2 });
    const url = (token: string) => `${limited.url}/${f.docName}?token=${token}`;
    // Each anonymous token has its own subject: the per-user limit would not stop them.
    const first = client(limited.url, f.docName, f.tokenFor(null, true));
    const second = client(limited.url, f.docName, f.tokenFor(null, true));
    await waitSynced(first, second);
    expect(await upgradeStatus(url(f.tokenFor(null, true)))).toBe(429);
    expect(await upgradeStatus(url(f.token))).toBe(101);
    first.destroy();
    await waitFor(async () => (await upgradeStatus(url(f.tokenFor(null, true)))) === 101, { what: 'a place freed' });
    second.destroy();
    await limited.close();
  });

  it('refuses updates that would grow a document past its size limit', async () => {
    const f = await notesFixture();
    const capped = await startCollab({ maxDocBytes: 4096 });
    const a = client(capped.url, f.docName, f.token);
    await waitSynced(a);
    a.text.insert(0, 'small');
    await waitFor(() => notesText(capped.server.docs.get(f.docName)?.ydoc).length === 5);
    a.text.insert(0, 'y'.repeat(8000));
    await waitFor(() => a.closeCodes.includes(CollabCloseCode.documentTooLarge), { what: 'size close' });
    a.destroy();
    await capped.server.flush();
    expect(await storedText(f.docName)).toBe('small');
    await capped.close();
  });

  it('disconnects a slow consumer instead of buffering without bound', async () => {
    const f = await notesFixture();
    const server = await startCollab({ maxBufferedBytes: 32 * 1024 });
    const slow = await raw(`${server.url}/${f.docName}?token=${f.token}`);
    // Stop reading: the server's writes pile up in its socket buffer.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const writer = client(server.url, f.docName, f.token);
    await waitSynced(writer);
    let i = 0;
    await waitFor(
      async () => {
        if (i++ < 200) writer.text.insert(0, 'z'.repeat(128 * 1024));
        const closed = await server.server.metrics.closed.get();
        return (closed.values.find((v) => v.labels.reason === 'slow_consumer')?.value ?? 0) > 0;
      },
      { what: 'slow consumer closed', timeoutMs: 20_000 },
    );
    expect(writer.provider.wsconnected).toBe(true);
    slow.terminate();
    writer.destroy();
    await server.close();
  });
});

describe('operations', () => {
  it('serves Prometheus metrics', async () => {
    const res = await fetch(`http://127.0.0.1:${server.collab.port}/metrics`);
    const body = await res.text();
    for (const name of [
      'hallway_collab_connections',
      'hallway_collab_documents_loaded',
      'hallway_collab_updates_received_total',
      'hallway_collab_updates_persisted_total',
      'hallway_collab_persist_lag_seconds',
      'hallway_collab_readonly_updates_dropped_total',
      'hallway_collab_connections_closed_total',
      'hallway_collab_redis_publish_errors_total',
    ]) {
      expect(body).toContain(name);
    }
  });

  it('compacts the log into a snapshot without losing concurrent appends, and unloads idle documents', async () => {
    const f = await notesFixture();
    const server = await startCollab({ compactThreshold: 3, idleUnloadMs: 50, persistIntervalMs: 5 });
    const a = client(server.url, f.docName, f.token);
    await waitSynced(a);
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => `${i},`).join('');
    for (let i = 0; i < 40; i++) {
      a.text.insert(a.text.length, `${i},`);
      // Every fourth edit waits until it is stored, so the log gets rows enough to compact
      // however the server batches its writes; the edits in between append meanwhile.
      if (i % 4 === 0 && i < 20) {
        const sofar = upTo(i + 1);
        await waitFor(async () => (await storedText(f.docName)).startsWith(sofar), { what: `edit ${i} stored` });
      }
    }
    const expected = upTo(40);
    await waitFor(async () => (await storedText(f.docName)) === expected, { what: 'stored' });
    await waitFor(() => db.docSnapshot.findUnique({ where: { docName: f.docName } }), { what: 'snapshot written' });
    a.destroy();
    await waitFor(() => !server.server.docs.has(f.docName), { what: 'idle unload' });
    const b = client(server.url, f.docName, f.token);
    await waitFor(() => b.text.toString() === expected, { what: 'reloaded' });
    b.destroy();
    await server.close();
  });

  it('closes sockets with a normal code on close() after flushing', async () => {
    const f = await notesFixture();
    const server = await startCollab({ persistIntervalMs: 100 });
    const a = client(server.url, f.docName, f.token);
    await waitSynced(a);
    a.text.insert(0, 'flushed on close');
    await waitFor(() => notesText(server.server.docs.get(f.docName)?.ydoc).length === 16);
    await server.close();
    await waitFor(() => a.closeCodes.includes(CollabCloseCode.normal), { what: 'normal close' });
    a.provider.disconnect();
    expect(await storedText(f.docName)).toBe('flushed on close');
  });
});

it('applies a client update that arrives with a merge of others unchanged (Yjs sanity)', () => {
  const d = new Y.Doc();
  d.getText('t').insert(0, 'x');
  expect(Y.mergeUpdates([Y.encodeStateAsUpdate(d)]).length).toBeGreaterThan(0);
});
