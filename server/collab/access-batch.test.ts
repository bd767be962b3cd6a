import { describe, expect, it } from 'vitest';
import { collabAccess } from '@/lib/collab/collab-access';
import { db } from '@/lib/db';
import { docNameForSession } from '@/lib/notes/doc-name';
import { addMember, buildEvent, buildSession, buildUser } from '@/test/builders';
import { eventWithRoles } from '@/test/event-roles';
import { accessKey, collabAccessBatch, type AccessQuestion } from './access-batch';

// The periodic re-check asks about every open (user, document) pair in one batch; the upgrade asks
// collabAccess about one. Both must give the same answer for every kind of person and event.
describe('collabAccessBatch', () => {
  it('answers as collabAccess for every role, visibility and odd case, all in one batch', async () => {
    const questions: AccessQuestion[] = [];
    for (const visibility of ['PUBLIC', 'UNLISTED', 'PRIVATE'] as const) {
      const { event, users } = await eventWithRoles({ visibility });
      const session = await buildSession(event.id);
      const doc = docNameForSession(session.id);
      // A guest of another event who somehow holds a membership row here stays an outsider.
      const elsewhere = await buildEvent();
      const strayGuest = await buildUser({ isGuest: true, guestEventId: elsewhere.event.id, email: null });
      await addMember(event.id, strayGuest.id);
      // A guest whose row says organiser is an attendee.
      const organiserGuest = await buildUser({ isGuest: true, guestEventId: event.id, email: null });
      await addMember(event.id, organiserGuest.id, 'ORGANISER');
      const everyone = [
        null,
        users.guest.id,
        users.attendee.id,
        users.organiser.id,
        users.otherOrganiser.id,
        strayGuest.id,
        organiserGuest.id,
        'no-such-user',
      ];
      for (const userId of everyone) {
        questions.push({ userId, docName: doc });
        questions.push({ userId, docName: docNameForSession('nosuchsession00') });
        questions.push({ userId, docName: 'not-a-notes-document' });
      }
    }
    const batch = await collabAccessBatch(db, questions);
    const expected = await Promise.all(questions.map((q) => collabAccess(q.userId, q.docName)));
    const got = questions.map((q) => batch.get(accessKey(q.userId, q.docName)));
    expect(got).toEqual(expected);
    // Not a vacuous comparison: the matrix holds every answer.
    expect(new Set(expected)).toEqual(new Set(['none', 'read', 'write']));
  });

  it('sees a removed membership and a visibility change on the next batch', async () => {
    const { event, users } = await eventWithRoles({ visibility: 'PRIVATE' });
    const doc = docNameForSession((await buildSession(event.id)).id);
    const qs = [
      { userId: users.attendee.id, docName: doc },
      { userId: null, docName: doc },
    ];
    expect([...(await collabAccessBatch(db, qs)).values()]).toEqual(['write', 'none']);
    await db.membership.deleteMany({ where: { eventId: event.id, userId: users.attendee.id } });
    await db.event.update({ where: { id: event.id }, data: { visibility: 'PUBLIC' } });
    expect([...(await collabAccessBatch(db, qs)).values()]).toEqual(['read', 'read']);
  });
});
