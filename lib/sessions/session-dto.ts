import { absoluteUrl } from '@/lib/env';
import { timeInZone } from '@/lib/time';
import { sessionPath } from '@/lib/paths';

export interface SessionDto {
  id: string;
  eventSlug: string;
  title: string;
  description: string;
  format: string;
  tags: string[];
  status: 'PROPOSED' | 'SCHEDULED' | 'WITHDRAWN' | 'MERGED';
  needsHost: boolean;
  /** The session this one was merged into, when it was. */
  mergedIntoId: string | null;
  proposer: { id: string; name: string } | null;
  hosts: { id: string; name: string }[];
  room: { id: string; name: string } | null;
  slot: { id: string; day: string; startsAt: string; endsAt: string; start: string; end: string } | null;
  /** The session's notes page. */
  url: string;
}

export { sessionPath };

export const sessionInclude = {
  proposer: { select: { id: true, name: true } },
  hosts: { select: { user: { select: { id: true, name: true } } } },
  room: { select: { id: true, name: true } },
  slot: { select: { id: true, day: true, startsAt: true, endsAt: true } },
} as const;

type Row = {
  id: string;
  title: string;
  description: string;
  format: string;
  tags: string;
  status: SessionDto['status'];
  needsHost: boolean;
  mergedIntoId: string | null;
  proposer: { id: string; name: string } | null;
  hosts: { user: { id: string; name: string } }[];
  room: { id: string; name: string } | null;
  slot: { id: string; day: string; startsAt: Date; endsAt: Date } | null;
};

export function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

export function toSessionDto(s: Row, event: { slug: string; timezone: string }): SessionDto {
  return {
    id: s.id,
    eventSlug: event.slug,
    title: s.title,
    description: s.description,
    format: s.format,
    tags: parseTags(s.tags),
    status: s.status,
    needsHost: s.needsHost,
    mergedIntoId: s.mergedIntoId,
    proposer: s.proposer,
    hosts: s.hosts.map((h) => h.user),
    room: s.room,
    slot: s.slot && {
      id: s.slot.id,
      day: s.slot.day,
      startsAt: s.slot.startsAt.toISOString(),
      endsAt: s.slot.endsAt.toISOString(),
      start: timeInZone(s.slot.startsAt, event.timezone),
      end: timeInZone(s.slot.endsAt, event.timezone),
    },
    url: absoluteUrl(sessionPath(event.slug, s.id)),
  };
}
