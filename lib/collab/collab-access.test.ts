import { describe, expect, it } from 'vitest';
import { db, type Visibility } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { docNameForSession } from '@/lib/notes/doc-name';
import { loadSessionAccess } from '@/lib/sessions/session-access';
import { addMember, buildEvent, buildSession, buildUser } from '@/test/builders';
import { collabAccessOf, type CollabAccess } from './collab-access';

/** What the pages decide for the same actor and session (loadSessionAccess), as collab access. */
async function pagesDecide(userId: string | null, sessionId: string): Promise<CollabAccess> {
  const u = userId ? await db.user.findUnique({ where: { id: userId } }) : null;
  if (userId && !u) return 'none';
  const actor = u ? { userId: u.id, isGuest: u.isGuest, guestEventId: u.guestEventId } : null;
  try {
    const a = await loadSessionAccess(actor, sessionId);
    return a.canEditNotes ? 'write' : a.canReadNotes ? 'read' : 'none';
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return 'none';
    throw err;
  }
}

async function people(visibility: Visibility) {
  const { event, organiserId } = await buildEvent({ visibility });
  const session = await buildSession(event.id);
  const attendee = await buildUser();
  await addMember(event.id, attendee.id);
  const guest = await buildUser({ isGuest: true, guestEventId: event.id, email: null });
  await addMember(event.id, guest.id);
  // A guest whose membership row says organiser: guests never hold organiser rights.
  const guestOrganiser = await buildUser({ isGuest: true, guestEventId: event.id, email: null });
  await addMember(event.id, guestOrganiser.id, 'ORGANISER');
  // A guest of another event with a row here anyway: a guest belongs to its own event only.
  const elsewhere = await buildEvent();
  const guestElsewhere = await buildUser({ isGuest: true, guestEventId: elsewhere.event.id, email: null });
  await addMember(event.id, guestElsewhere.id);
  const outsider = await buildUser();
  return {
    docName: docNameForSession(session.id),
    sessionId: session.id,
    who: {
      anonymous: null,
      organiser: organiserId,
      attendee: attendee.id,
      guest: guest.id,
      guestOrganiser: guestOrganiser.id,
      guestElsewhere: guestElsewhere.id,
      outsider: outsider.id,
      deletedUser: 'no-such-user',
    } as Record<string, string | null>,
    names: { [attendee.id]: attendee.name },
  };
}

describe('collabAccessOf', () => {
  it.each(['PUBLIC', 'UNLISTED', 'PRIVATE'] as const)(
    'decides as the pages do for everyone on a %s event',
    async (visibility) => {
      const p = await people(visibility);
      const got: Record<string, CollabAccess> = {};
      for (const [label, userId] of Object.entries(p.who)) {
        const { access } = await collabAccessOf(userId, p.docName);
        expect(access, label).toBe(await pagesDecide(userId, p.sessionId));
        got[label] = access;
      }
      // And what that is, so the comparison cannot pass by both being wrong alike.
      const open = visibility !== 'PRIVATE';
      expect(got).toEqual({
        anonymous: open ? 'read' : 'none',
        organiser: 'write',
        attendee: 'write',
        guest: 'write',
        guestOrganiser: 'write',
        guestElsewhere: open ? 'read' : 'none',
        outsider: open ? 'read' : 'none',
        deletedUser: 'none',
      });
    },
  );

  it("names the user from the database and refuses documents that are not a session's", async () => {
    const p = await people('PRIVATE');
    const attendee = p.who.attendee!;
    expect(await collabAccessOf(attendee, p.docName)).toMatchObject({ access: 'write', name: p.names[attendee] });
    expect((await collabAccessOf(attendee, docNameForSession('nosuchsession000'))).access).toBe('none');
    expect((await collabAccessOf(attendee, 'not-a-notes-doc')).access).toBe('none');
  });

  it('answers each of many lookups made at once (one query per turn) as it answers them one by one', async () => {
    const a = await people('PRIVATE');
    const b = await people('PUBLIC');
    const docs = [a.docName, b.docName, docNameForSession('nosuchsession000')];
    const users = [...Object.values(a.who), ...Object.values(b.who)];
    // Every pair three times over, and more pairs than one query takes (256); the rest is a batch
    // whose size is not a power of two (SQLite pads it to one).
    const pairs = [...Array(3).keys()].flatMap(() => users.flatMap((u) => docs.map((d) => [u, d] as const)));
    const extra = await Promise.all(Array.from({ length: 220 }, () => buildUser()));
    for (const u of extra) pairs.push([u.id, b.docName]);
    expect(pairs.length).toBeGreaterThan(300);
    const together = await Promise.all(pairs.map(([u, d]) => collabAccessOf(u, d)));
    // The access epoch each answer carries may move between the two reads (other test files write
    // to the same database meanwhile); the decision and the name may not.
    const decision = ({ access, name }: Awaited<ReturnType<typeof collabAccessOf>>) => ({ access, name });
    for (const [i, [u, d]] of pairs.entries())
      expect(decision(together[i]!), `${u} ${d}`).toEqual(decision(await collabAccessOf(u, d)));
    expect(together.filter((r) => r.access === 'write').length).toBeGreaterThan(0);
    expect(together.filter((r) => r.access === 'read').length).toBeGreaterThan(150);
  });
});
