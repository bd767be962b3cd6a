import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { docNameForSession } from '@/lib/notes/doc-name';
import { takeAutoNoteVersion } from '@/lib/notes/take-auto-note-version';
import { buildEvent, buildSession, buildSlot, buildUser } from '@/test/builders';
import { signCollabToken } from '@/lib/auth/collab-token';
import {
  connectClient,
  startCollab,
  storedText,
  waitFor,
  waitSynced,
  type Client,
  type RunningCollab,
} from '@/test/collab-support';

// Automatic versions are the server's job (a collab hook), not every editing browser's, and a
// version asked for by several nodes (or browsers) at once is taken once.

const servers: RunningCollab[] = [];
const clients: Client[] = [];
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const s of servers) await s.close();
});

async function sessionWithSlot(endsAt: Date | null) {
  const organiser = await buildUser();
  const { event } = await buildEvent({ organiserId: organiser.id });
  const slot = endsAt ? await buildSlot(event.id, { startsAt: new Date(endsAt.getTime() - 3600_000), endsAt }) : null;
  const session = await buildSession(event.id, slot ? { slotId: slot.id } : {});
  const docName = docNameForSession(session.id);
  return { docName, token: signCollabToken({ userId: organiser.id, docName, readOnly: false, ttlSeconds: 600 }).token };
}

const autoVersions = (docName: string) => db.noteVersion.findMany({ where: { docName, kind: 'AUTO' } });

describe('automatic versions', () => {
  it('are taken by the server at the end of the slot, once, from two nodes editing the document', async () => {
    const endsAt = new Date(Date.now() - 1000);
    const { docName, token } = await sessionWithSlot(endsAt);
    // Two collab nodes on one database; neither takes periodic versions in this test.
    for (let i = 0; i < 2; i++)
      servers.push(await startCollab({ autoVersionCheckMs: 20, autoVersionEveryMs: 3600_000 }));
    const [a, b] = servers.map((s) => connectClient(s.url, docName, token));
    clients.push(a!, b!);
    await waitSynced(a!, b!);
    a!.text.insert(0, 'decided: ship it');
    b!.text.insert(0, 'overran: ');
    await waitFor(
      async () => (await storedText(docName)).includes('ship it') && (await storedText(docName)).includes('overran'),
      { what: 'stored' },
    );
    await waitFor(async () => (await autoVersions(docName)).length > 0, { what: 'slot-end version' });
    // Both nodes' hooks have passed over the document once they stop tracking it; still one version.
    await Promise.all(servers.map((s) => s.server.flush()));
    const again = await takeAutoNoteVersion({ docName, reason: 'slot-end', slotEndsAt: endsAt });
    expect(again.skipped).toBe('taken');
    expect(await autoVersions(docName)).toHaveLength(1);
    expect((await autoVersions(docName))[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(endsAt.getTime());
  });

  it('are taken periodically while a document is edited, without any browser asking', async () => {
    const { docName, token } = await sessionWithSlot(null);
    const server = await startCollab({ autoVersionCheckMs: 20, autoVersionEveryMs: 1 });
    servers.push(server);
    const c = connectClient(server.url, docName, token);
    clients.push(c);
    await waitSynced(c);
    c.text.insert(0, 'first point');
    await waitFor(async () => (await autoVersions(docName)).length === 1, { what: 'periodic version' });
  });

  it('makes one version when many ask at the same moment, and none of empty or unchanged notes', async () => {
    const { docName, token } = await sessionWithSlot(new Date(Date.now() - 1000));
    expect((await takeAutoNoteVersion({ docName, reason: 'interval' })).skipped).toBe('empty');
    const server = await startCollab({ autoVersionCheckMs: 3600_000 });
    servers.push(server);
    const c = connectClient(server.url, docName, token);
    clients.push(c);
    c.text.insert(0, 'contended');
    await waitFor(async () => (await storedText(docName)) === 'contended', { what: 'stored' });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => takeAutoNoteVersion({ docName, reason: 'interval' })),
    );
    expect(results.filter((r) => r.version)).toHaveLength(1);
    expect(results.filter((r) => r.skipped).map((r) => r.skipped)).toEqual(
      Array(5).fill(expect.stringMatching(/^(unchanged|too_soon)$/)),
    );
    expect(await autoVersions(docName)).toHaveLength(1);
  });
});
