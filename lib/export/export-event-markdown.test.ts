import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { jsonToYState, markdownToJSON } from '@/lib/editor/import-notes';
import { docNameForSession } from '@/lib/notes/doc-name';
import {
  addMember,
  buildEvent,
  buildRoom,
  buildSession,
  buildSlot,
  buildUser,
  sessionCookieFor,
} from '@/test/builders';
import { GET as eventNotes } from '@/app/api/events/[slug]/notes.md/route';
import { GET as sessionNotes } from '@/app/api/sessions/[id]/notes.md/route';
import { PUT as approve } from '@/app/api/sessions/[id]/notes/approval/route';
import { callRoute } from '@/test/call-route';

// js-yaml comes with ESLint; only this test uses it, to prove the front matter is real YAML.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load: (s: string) => unknown };

async function get<P extends object>(
  handler: (req: Request, ctx: { params: Promise<P> }) => Promise<Response>,
  params: P,
  query = '',
  cookie?: string,
) {
  const req = new Request(`http://localhost:3000/api/test${query}`, { headers: cookie ? { cookie } : {} });
  const res = await handler(req, { params: Promise.resolve(params) });
  return {
    status: res.status,
    text: await res.text(),
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
  };
}

async function writeNotes(sessionId: string, markdown: string) {
  await db.docUpdate.create({
    data: { docName: docNameForSession(sessionId), data: new Uint8Array(jsonToYState(markdownToJSON(markdown))) },
  });
}

async function buildSchedule(visibility: 'PUBLIC' | 'PRIVATE' = 'PUBLIC') {
  const host = await buildUser({ name: 'Priya Hostname' });
  const cohost = await buildUser({ name: 'Lee Cohostname' });
  const { event, organiserId } = await buildEvent({ visibility, title: 'Harbour Unconf' });
  await addMember(event.id, host.id);
  await addMember(event.id, cohost.id);
  const bow = await buildRoom(event.id, { name: 'Bow', order: 1 });
  const aft = await buildRoom(event.id, { name: 'Aft', order: 0 });
  const day2 = await buildSlot(event.id, { startsAt: new Date('2026-06-12T08:30:00Z') });
  const day1late = await buildSlot(event.id, { startsAt: new Date('2026-06-11T12:00:00Z') });
  const day1early = await buildSlot(event.id, { startsAt: new Date('2026-06-11T09:00:00Z') });
  // Created out of schedule order on purpose.
  const s = {
    d2: await buildSession(event.id, { title: 'Day two opener', slotId: day2.id, roomId: aft.id, proposerId: host.id }),
    lateBow: await buildSession(event.id, {
      title: 'Late in Bow',
      slotId: day1late.id,
      roomId: bow.id,
      proposerId: host.id,
    }),
    lateAft: await buildSession(event.id, {
      title: 'Late in Aft',
      slotId: day1late.id,
      roomId: aft.id,
      proposerId: host.id,
      hostIds: [host.id, cohost.id],
    }),
    early: await buildSession(event.id, {
      title: 'Feature flags: without the mess?',
      slotId: day1early.id,
      roomId: bow.id,
      proposerId: cohost.id,
    }),
    unscheduledWithNotes: await buildSession(event.id, { title: 'Hallway track', proposerId: host.id }),
    unscheduledEmpty: await buildSession(event.id, { title: 'Nobody came', proposerId: host.id }),
  };
  await db.session.update({
    where: { id: (await buildSession(event.id, { title: 'Withdrawn one' })).id },
    data: { status: 'WITHDRAWN' },
  });
  await writeNotes(s.d2.id, '- day two notes\n  - nested by Priya Hostname? no, plain text\n');
  await writeNotes(s.lateBow.id, '- late bow\n');
  await writeNotes(s.lateAft.id, '# A notes heading\n\n- late aft\n  - deeper\n');
  await writeNotes(s.early.id, '- flags need owners\n  - [x] expiry dates\n');
  await writeNotes(s.unscheduledWithNotes.id, '- coffee chat\n');
  const organiser = await db.user.findUniqueOrThrow({ where: { id: organiserId } });
  return {
    event,
    s,
    host,
    cohost,
    organiser,
    cookies: {
      organiser: await sessionCookieFor(organiser),
      host: await sessionCookieFor(host),
      outsider: await sessionCookieFor(await buildUser()),
    },
  };
}

describe('Markdown export', () => {
  it('writes the event in schedule order, unscheduled sessions with notes last, with every note', async () => {
    const { event } = await buildSchedule();
    const res = await get(eventNotes, { slug: event.slug });
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/markdown; charset=utf-8');
    const md = res.text;
    const headings = md
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3));
    expect(headings).toEqual([
      'Feature flags: without the mess?',
      'Late in Aft',
      'Late in Bow',
      'Day two opener',
      'Hallway track',
    ]);
    expect(md.startsWith('# Harbour Unconf: session notes\n\n## Feature flags')).toBe(true);
    expect(md).toContain(
      '## Late in Aft\n\n*Day 1, 13:00–13:45, Room Aft · hosted by Priya Hostname and Lee ' +
        'Cohostname*\n\n### A notes heading\n\n- late aft\n  - deeper\n',
    );
    expect(md).toContain('*Day 2, 09:30–10:15, Room Aft · hosted by Priya Hostname*');
    expect(md).toContain('## Hallway track\n\n*Not scheduled · hosted by Priya Hostname*\n\n- coffee chat\n');
    expect(md).toContain('- [x] expiry dates');
    expect(md).not.toContain('Nobody came');
    expect(md).not.toContain('Withdrawn one');
  });

  it('leaves every host and proposer name out with attribution=none', async () => {
    const { event } = await buildSchedule();
    const md = (await get(eventNotes, { slug: event.slug }, '?attribution=none')).text;
    expect(md).not.toMatch(/Lee Cohostname|hosted by/);
    // Only the notes' own text mentions a name here, written by someone in the room.
    expect(md.split('\n').filter((l) => l.includes('Priya Hostname'))).toEqual([
      '  - nested by Priya Hostname? no, plain text',
    ]);
  });

  it('writes Jekyll front matter and a table of contents whose links land on headings', async () => {
    const { event, s } = await buildSchedule();
    await db.session.update({ where: { id: s.lateBow.id }, data: { title: 'Feature flags: without the mess?' } });
    const res = await get(eventNotes, { slug: event.slug }, '?format=jekyll&download=1');
    expect(res.disposition).toBe(`attachment; filename="2026-06-11-${event.slug}-notes.md"`);
    const md = res.text;
    const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
    expect(m).not.toBeNull();
    const front = yaml.load(m![1]!) as Record<string, unknown>;
    expect(front).toMatchObject({ layout: 'post', title: 'Harbour Unconf: session notes' });
    expect(String(front.date instanceof Date ? front.date.toISOString().slice(0, 10) : front.date)).toBe('2026-06-11');
    expect(front.summary).toBe('Notes from 5 sessions of Harbour Unconf (2 days).');
    const links = [...md.matchAll(/^- \[[^\]]+\]\(#([^)]+)\)$/gm)].map((x) => x[1]!);
    const ids = [...md.matchAll(/^#{2,6} .* \{#([^}]+)\}$/gm)].map((x) => x[1]!);
    expect(links).toHaveLength(5);
    expect(new Set(ids).size).toBe(ids.length);
    for (const link of links) expect(ids).toContain(link);
    // Two sessions with the same title get different anchors.
    expect(links.slice(0, 2)).toEqual(['feature-flags-without-the-mess', 'late-in-aft']);
    expect(links).toContain('feature-flags-without-the-mess-1');
  });

  it('exports chosen sessions only, and one session alone', async () => {
    const { event, s } = await buildSchedule();
    const md = (await get(eventNotes, { slug: event.slug }, `?sessions=${s.d2.id},${s.early.id}`)).text;
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual([
      '## Feature flags: without the mess?',
      '## Day two opener',
    ]);
    expect((await get(eventNotes, { slug: event.slug }, '?sessions=nope')).status).toBe(400);
    expect((await get(eventNotes, { slug: event.slug }, '?format=pdf')).status).toBe(400);

    const one = await get(sessionNotes, { id: s.lateAft.id });
    expect(one.text).toBe(
      '# Late in Aft\n\n*Day 1, 13:00–13:45, Room Aft · hosted by Priya Hostname and Lee Cohostname*\n\n## ' +
        'A notes heading\n\n- late aft\n  - deeper\n',
    );
  });

  it('answers like reading the notes: private events are 404 to outsiders', async () => {
    const { event, s, cookies } = await buildSchedule('PRIVATE');
    expect((await get(eventNotes, { slug: event.slug })).status).toBe(404);
    expect((await get(eventNotes, { slug: event.slug }, '', cookies.outsider)).status).toBe(404);
    expect((await get(sessionNotes, { id: s.early.id }, '', cookies.outsider)).status).toBe(404);
    expect((await get(eventNotes, { slug: event.slug }, '', cookies.host)).status).toBe(200);
    expect((await get(sessionNotes, { id: s.early.id }, '', cookies.host)).status).toBe(200);
    expect((await get(eventNotes, { slug: 'no-such-event' }, '', cookies.host)).status).toBe(404);
  });

  it('leaves sessions out of the event export until a host approves them, when the event asks for it', async () => {
    const { event, s, cookies } = await buildSchedule();
    await db.event.update({
      where: { id: event.id },
      data: { settings: JSON.stringify({ requireNotesApproval: true }) },
    });
    const headings = async () =>
      (await get(eventNotes, { slug: event.slug })).text.split('\n').filter((l) => l.startsWith('## '));
    expect(await headings()).toEqual([]);
    // The host of "Late in Aft" approves; an attendee who does not host it may not.
    const attendee = await buildUser();
    await addMember(event.id, attendee.id);
    expect(
      (
        await callRoute(
          approve,
          'PUT',
          { id: s.lateAft.id },
          { cookie: await sessionCookieFor(attendee), body: { approved: true } },
        )
      ).status,
    ).toBe(403);
    expect((await callRoute(approve, 'PUT', { id: s.lateAft.id }, { body: { approved: true } })).status).toBe(401);
    expect(
      (await callRoute(approve, 'PUT', { id: s.lateAft.id }, { cookie: cookies.host, body: { approved: 'yes' } }))
        .status,
    ).toBe(400);
    const ok = await callRoute(
      approve,
      'PUT',
      { id: s.lateAft.id },
      { cookie: cookies.host, body: { approved: true } },
    );
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ approved: true, approvedBy: { name: 'Priya Hostname' } });
    await callRoute(approve, 'PUT', { id: s.early.id }, { cookie: cookies.organiser, body: { approved: true } });
    expect(await headings()).toEqual(['## Feature flags: without the mess?', '## Late in Aft']);
    await callRoute(approve, 'PUT', { id: s.lateAft.id }, { cookie: cookies.host, body: { approved: false } });
    expect(await headings()).toEqual(['## Feature flags: without the mess?']);
  });

  it('gives outsiders one session alone only once approved, as the event export does', async () => {
    const { event, s, cookies } = await buildSchedule();
    await db.event.update({
      where: { id: event.id },
      data: { settings: JSON.stringify({ requireNotesApproval: true }) },
    });
    const eventHeadings = async (cookie?: string) =>
      (await get(eventNotes, { slug: event.slug }, '', cookie)).text.split('\n').filter((l) => l.startsWith('## '));
    // Not approved: the event export leaves it out for everyone, so outsiders cannot fetch it alone.
    expect(await eventHeadings()).toEqual([]);
    const anonymous = await get(sessionNotes, { id: s.early.id });
    expect(anonymous.status).toBe(403);
    expect(anonymous.text).not.toContain('flags need owners');
    expect((await get(sessionNotes, { id: s.early.id }, '', cookies.outsider)).status).toBe(403);
    // A member reads these notes in the app anyway.
    const member = await get(sessionNotes, { id: s.early.id }, '', cookies.host);
    expect(member.status).toBe(200);
    expect(member.text).toContain('flags need owners');

    await callRoute(approve, 'PUT', { id: s.early.id }, { cookie: cookies.organiser, body: { approved: true } });
    expect(await eventHeadings()).toEqual(['## Feature flags: without the mess?']);
    expect((await get(sessionNotes, { id: s.early.id })).text).toContain('flags need owners');
    expect((await get(sessionNotes, { id: s.early.id }, '', cookies.outsider)).status).toBe(200);
    // Another session, still unapproved, stays closed to outsiders.
    expect((await get(sessionNotes, { id: s.lateAft.id })).status).toBe(403);
  });
});
