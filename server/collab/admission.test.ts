import { describe, expect, it } from 'vitest';
import { signCollabToken } from '@/lib/auth/collab-token';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { addMember, buildUser } from '@/test/builders';
import { removeMember } from '@/lib/events/members';
import { notesFixture, upgradeStatus, waitFor, waitSynced } from '@/test/collab-support';
import { collabPerFile } from '@/test/collab-per-file';

// Upgrades reuse recent access grants (access-cache.ts). The periodic re-check is pushed far out
// here, so whatever refuses or closes below is the revocation path, not the clock.
const server = collabPerFile({ revalidateMs: 60_000 });
const client = server.client;

const url = (docName: string, token: string) => `${server.collab.url}/${docName}?token=${encodeURIComponent(token)}`;
const actorOf = (userId: string) => ({ userId, isGuest: false, guestEventId: null });

describe('admission with recent grants reused', () => {
  it('refuses a removed member on the next connect after the removal', async () => {
    const f = await notesFixture('PRIVATE');
    const m = await f.member();
    const token = f.tokenFor(m.id);
    const open = client(server.collab.url, f.docName, token);
    await waitSynced(open);
    expect(await upgradeStatus(url(f.docName, token))).toBe(101);
    await removeMember(actorOf(f.organiser.id), f.event.slug, m.id);
    expect(await upgradeStatus(url(f.docName, token))).toBe(403);
    await waitFor(() => open.closeCodes.includes(CollabCloseCode.accessRevoked), { what: 'open connection closed' });
  });

  it('admits someone who just joined, with the write access their token names', async () => {
    const f = await notesFixture('PUBLIC');
    const u = await buildUser();
    expect(await upgradeStatus(url(f.docName, f.tokenFor(u.id, true)))).toBe(101);
    await addMember(f.event.id, u.id);
    const writer = client(server.collab.url, f.docName, f.tokenFor(u.id));
    await waitSynced(writer);
    const conns = [...(server.collab.server.docs.get(f.docName)?.conns ?? [])];
    expect(conns.filter((c) => c.identity.userId === u.id && !c.readOnly && !c.closed)).toHaveLength(1);
  });

  it('admits a member removed from a public event read-only on the next connect', async () => {
    const f = await notesFixture('PUBLIC');
    const other = await buildUser();
    await addMember(f.event.id, other.id, 'ORGANISER');
    expect(await upgradeStatus(url(f.docName, f.tokenFor(other.id)))).toBe(101);
    await removeMember(actorOf(f.organiser.id), f.event.slug, other.id);
    // Public event, no longer a member: may read, not write; the read-write token is not enough.
    const c = client(server.collab.url, f.docName, f.tokenFor(other.id));
    await waitSynced(c);
    const conns = [...(server.collab.server.docs.get(f.docName)?.conns ?? [])];
    expect(conns.filter((x) => x.identity.userId === other.id && !x.closed).map((x) => x.readOnly)).toEqual([true]);
  });

  it('refuses an expired token, also one accepted before', async () => {
    const f = await notesFixture('PUBLIC');
    const now = Date.now();
    const soon = signCollabToken({
      userId: f.organiser.id,
      docName: f.docName,
      readOnly: false,
      ttlSeconds: 60,
      now: now - 59_000,
    }).token;
    expect(await upgradeStatus(url(f.docName, soon))).toBe(101);
    const expired = signCollabToken({
      userId: f.organiser.id,
      docName: f.docName,
      readOnly: false,
      ttlSeconds: 60,
      now: now - 61_000,
    }).token;
    expect(await upgradeStatus(url(f.docName, expired))).toBe(401);
  });
});
