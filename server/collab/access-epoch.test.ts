import { describe, expect, it } from 'vitest';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { db } from '@/lib/db';
import { buildUser } from '@/test/builders';
import { collabPerFile } from '@/test/collab-per-file';
import { notesFixture, waitFor, waitSynced, type Client } from '@/test/collab-support';

// Only periodic passes here: nothing calls recheckAccess() or signals a revocation, so whatever
// closes a connection was noticed through the access epoch the database triggers bump.
const server = collabPerFile({ revalidateMs: 50 });

/** A counter of the server's /metrics registry, summed over the series whose labels match. */
async function counter(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = server.collab.server.metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
    .reduce((sum, v) => sum + v.value, 0);
}
const skipped = () => counter('hallway_collab_access_rechecks_total', { pass: 'skipped' });
const full = () => counter('hallway_collab_access_rechecks_total', { pass: 'full' });
const opened = () => counter('hallway_collab_access_rechecks_total', { pass: 'opened' });
const rowQueries = () => counter('hallway_access_row_queries_total');

/** Waits for a skipped pass: from then on, every open connection has been checked against the epoch now. */
async function settled(): Promise<void> {
  const before = await skipped();
  await waitFor(async () => (await skipped()) > before, { what: 'a skipped re-check pass' });
}

/**
 * Access-row queries made over three passes in a row that found the epoch where it was. The test
 * files share one database, so another file's writes may move the epoch meanwhile; a stretch in
 * which a pass asked the database is waited out, not counted.
 */
async function queriesOverUnchangedPasses(): Promise<number> {
  const stretch = await waitFor(
    async () => {
      const [q, f, o, s] = [await rowQueries(), await full(), await opened(), await skipped()];
      await waitFor(async () => (await skipped()) >= s + 3, { what: 'three skipped passes' });
      if ((await full()) !== f || (await opened()) !== o) return null;
      return { queries: (await rowQueries()) - q };
    },
    { what: 'three passes in a row with the epoch unchanged' },
  );
  return stretch.queries;
}

async function revoked(c: Client): Promise<void> {
  await waitFor(() => c.closeCodes.includes(CollabCloseCode.accessRevoked), { what: 'revocation close' });
  // A closed client reconnects (and is refused); it stops here so later tests see no upgrades.
  c.destroy();
}

describe('access epoch: the periodic re-check skips while nothing that decides access changed', () => {
  it('asks nothing about access rows while the epoch stands still, and checks again once it moves', async () => {
    const f = await notesFixture('PRIVATE');
    const m = await f.member();
    const c = server.client(server.collab.url, f.docName, f.tokenFor(m.id));
    await waitSynced(c);
    await settled();
    expect(await queriesOverUnchangedPasses()).toBe(0);
    const [queries, fullPasses] = [await rowQueries(), await full()];
    await db.membership.deleteMany({ where: { eventId: f.event.id, userId: m.id } });
    await revoked(c);
    expect(await full()).toBeGreaterThan(fullPasses);
    expect(await rowQueries()).toBeGreaterThan(queries);
  });

  it('does not ask again about a connection its upgrade just decided at the epoch that still stands', async () => {
    const f = await notesFixture('PRIVATE');
    const m = await f.member();
    await settled();
    const queries = await rowQueries();
    const c = server.client(server.collab.url, f.docName, f.tokenFor(m.id));
    await waitSynced(c);
    // The upgrade's own lookup, and nothing after it: the passes since skip.
    await waitFor(async () => (await rowQueries()) > queries, { what: "the upgrade's access lookup" });
    expect(await queriesOverUnchangedPasses()).toBe(0);
    // And it is still judged again once the epoch moves.
    await db.membership.deleteMany({ where: { eventId: f.event.id, userId: m.id } });
    await revoked(c);
  });

  // Each way access is lost, written to the database directly (as the CLI, another node or an
  // operator would), closes the connection at a periodic pass.
  const revocations: {
    kind: string;
    visibility: 'PRIVATE' | 'PUBLIC';
    change: (f: Awaited<ReturnType<typeof notesFixture>>, userId: string) => Promise<unknown>;
  }[] = [
    {
      kind: 'membership removed',
      visibility: 'PRIVATE',
      change: (f, userId) => db.membership.deleteMany({ where: { eventId: f.event.id, userId } }),
    },
    {
      kind: 'event made private (a reader who is not a member)',
      visibility: 'PUBLIC',
      change: (f) => db.event.update({ where: { id: f.event.id }, data: { visibility: 'PRIVATE' } }),
    },
    {
      kind: 'session deleted',
      visibility: 'PRIVATE',
      change: (f) => db.session.delete({ where: { id: f.session.id } }),
    },
    {
      kind: 'user deleted',
      visibility: 'PRIVATE',
      change: (_f, userId) => db.user.delete({ where: { id: userId } }),
    },
    {
      kind: 'a raw SQL UPDATE making the member a guest of another event',
      visibility: 'PRIVATE',
      change: async (_f, userId) => {
        const other = await notesFixture('PRIVATE');
        return db.$executeRaw`UPDATE "User" SET "isGuest" = ${true}, "guestEventId" = ${other.event.id} WHERE "id" = ${userId}`;
      },
    },
  ];

  it.each(revocations)('closes the connection when access is lost: $kind', async ({ visibility, change }) => {
    const f = await notesFixture(visibility);
    // On the public event, someone who is not a member reads without a write token; made private, it goes.
    const reader = visibility === 'PUBLIC' ? await buildUser() : await f.member();
    const c = server.client(server.collab.url, f.docName, f.tokenFor(reader.id, visibility === 'PUBLIC'));
    await waitSynced(c);
    await settled();
    await change(f, reader.id);
    await revoked(c);
  });

  it('runs a full pass when a role is lowered, and keeps the connection (an attendee still edits notes)', async () => {
    const f = await notesFixture('PRIVATE');
    const c = server.client(server.collab.url, f.docName, f.token);
    await waitSynced(c);
    await settled();
    const fullPasses = await full();
    await db.membership.updateMany({
      where: { eventId: f.event.id, userId: f.organiser.id },
      data: { role: 'ATTENDEE' },
    });
    await waitFor(async () => (await full()) > fullPasses, { what: 'a full pass after the role change' });
    await settled();
    expect(c.closeCodes).toEqual([]);
    expect(c.provider.wsconnected).toBe(true);
    c.destroy();
  });
});
