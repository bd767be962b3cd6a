import { describe, expect, it } from 'vitest';
import {
  can,
  canCreateEvent,
  canManageApiTokens,
  canOnSession,
  EVENT_ACTIONS,
  SESSION_ACTIONS,
  type EventAction,
} from './event-policy';
import type { Actor, Role, Visibility } from './types';

type Who = 'anonymous' | 'outsider' | 'guest-elsewhere' | 'attendee' | 'guest-attendee' | 'organiser';
const WHO: Who[] = ['anonymous', 'outsider', 'guest-elsewhere', 'attendee', 'guest-attendee', 'organiser'];
const VIS: Visibility[] = ['PUBLIC', 'UNLISTED', 'PRIVATE'];

function actorFor(who: Who): { actor: Actor | null; role: Role | null } {
  switch (who) {
    case 'anonymous':
      return { actor: null, role: null };
    case 'outsider':
      return { actor: { userId: 'u-out', isGuest: false, guestEventId: null }, role: null };
    case 'guest-elsewhere':
      return { actor: { userId: 'u-g2', isGuest: true, guestEventId: 'other' }, role: null };
    case 'attendee':
      return { actor: { userId: 'u-att', isGuest: false, guestEventId: null }, role: 'ATTENDEE' };
    case 'guest-attendee':
      return { actor: { userId: 'u-g', isGuest: true, guestEventId: 'ev' }, role: 'ATTENDEE' };
    case 'organiser':
      return { actor: { userId: 'u-org', isGuest: false, guestEventId: null }, role: 'ORGANISER' };
  }
}

// Y = allowed for every visibility, R = allowed unless the event is private, - = never.
const TABLE: Record<EventAction, Record<Who, 'Y' | 'R' | '-'>> = {
  'event.view': {
    anonymous: 'R',
    outsider: 'R',
    'guest-elsewhere': 'R',
    attendee: 'Y',
    'guest-attendee': 'Y',
    organiser: 'Y',
  },
  'event.export': {
    anonymous: 'R',
    outsider: 'R',
    'guest-elsewhere': 'R',
    attendee: 'Y',
    'guest-attendee': 'Y',
    organiser: 'Y',
  },
  'notes.read': {
    anonymous: 'R',
    outsider: 'R',
    'guest-elsewhere': 'R',
    attendee: 'Y',
    'guest-attendee': 'Y',
    organiser: 'Y',
  },
  'member.list': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: 'Y',
    'guest-attendee': 'Y',
    organiser: 'Y',
  },
  'session.propose': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: 'Y',
    'guest-attendee': 'Y',
    organiser: 'Y',
  },
  'vote.cast': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: 'Y',
    'guest-attendee': 'Y',
    organiser: 'Y',
  },
  'notes.edit': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: 'Y',
    'guest-attendee': 'Y',
    organiser: 'Y',
  },
  'event.update': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: '-',
    'guest-attendee': '-',
    organiser: 'Y',
  },
  'event.delete': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: '-',
    'guest-attendee': '-',
    organiser: 'Y',
  },
  'member.manage': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: '-',
    'guest-attendee': '-',
    organiser: 'Y',
  },
  'invite.manage': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: '-',
    'guest-attendee': '-',
    organiser: 'Y',
  },
  'room.manage': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: '-',
    'guest-attendee': '-',
    organiser: 'Y',
  },
  'slot.manage': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: '-',
    'guest-attendee': '-',
    organiser: 'Y',
  },
  'schedule.manage': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: '-',
    'guest-attendee': '-',
    organiser: 'Y',
  },
  'session.merge': {
    anonymous: '-',
    outsider: '-',
    'guest-elsewhere': '-',
    attendee: '-',
    'guest-attendee': '-',
    organiser: 'Y',
  },
};

describe('event policy: every role × action × visibility', () => {
  it('the table names every action', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...EVENT_ACTIONS].sort());
  });
  for (const action of EVENT_ACTIONS) {
    for (const who of WHO) {
      for (const visibility of VIS) {
        const cell = TABLE[action][who];
        const expected = cell === 'Y' || (cell === 'R' && visibility !== 'PRIVATE');
        it(`${action} by ${who} on a ${visibility.toLowerCase()} event → ${expected ? 'allowed' : 'denied'}`, () => {
          const { actor, role } = actorFor(who);
          expect(can(actor, action, { visibility, role })).toBe(expected);
        });
      }
    }
  }
});

describe('session policy: organisers, proposer and co-hosts', () => {
  const session = { proposerId: 'u-att', hostIds: ['u-g'] };
  const cases: Array<[Who, string, boolean]> = [
    ['anonymous', 'nobody', false],
    ['outsider', 'not a member', false],
    ['guest-elsewhere', 'guest of another event', false],
    ['attendee', 'the proposer', true],
    ['guest-attendee', 'a co-host', true],
    ['organiser', 'an organiser', true],
  ];
  for (const action of SESSION_ACTIONS) {
    for (const [who, label, expected] of cases) {
      it(`${action} by ${label} → ${expected}`, () => {
        const { actor, role } = actorFor(who);
        expect(canOnSession(actor, action, { visibility: 'PUBLIC', role }, session)).toBe(expected);
      });
    }
    it(`${action} by an attendee who neither proposed nor hosts → false`, () => {
      const actor: Actor = { userId: 'u-other', isGuest: false, guestEventId: null };
      expect(canOnSession(actor, action, { visibility: 'PUBLIC', role: 'ATTENDEE' }, session)).toBe(false);
    });
  }
});

describe('guests never act as organisers', () => {
  // A membership row saying ORGANISER for a guest (older data, a bug elsewhere) grants nothing extra.
  const guest: Actor = { userId: 'u-g', isGuest: true, guestEventId: 'ev' };
  it.each(EVENT_ACTIONS)('%s by a guest with an organiser row matches an attendee', (action) => {
    const asAttendee = can(guest, action, { visibility: 'PRIVATE', role: 'ATTENDEE' });
    expect(can(guest, action, { visibility: 'PRIVATE', role: 'ORGANISER' })).toBe(asAttendee);
  });
  it('and gets no session rights on sessions they do not host', () => {
    expect(
      canOnSession(
        guest,
        'session.edit',
        { visibility: 'PUBLIC', role: 'ORGANISER' },
        { proposerId: null, hostIds: [] },
      ),
    ).toBe(false);
  });
});

describe('account policy', () => {
  it.each(WHO)('event creation and API tokens for %s', (who) => {
    const { actor } = actorFor(who);
    const expected = actor !== null && !actor.isGuest;
    expect(canCreateEvent(actor)).toBe(expected);
    expect(canManageApiTokens(actor)).toBe(expected);
  });
});
