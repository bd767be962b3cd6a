import type { DocPresence } from '@/lib/notes/presence-registry';
import type { RoomDto } from '@/lib/rooms/rooms';
import type { ScheduleWarning } from '@/lib/schedule/schedule-warnings';
import type { SlotDto } from '@/lib/slots/slots';

/** One session as the board, schedule, projector and agenda show it. */
export interface BoardSessionDto {
  id: string;
  title: string;
  /** Markdown source, for the edit form. */
  description: string;
  /** Rendered pitch (safe HTML). */
  descriptionHtml: string;
  format: string;
  tags: string[];
  needsHost: boolean;
  status: 'PROPOSED' | 'SCHEDULED';
  proposer: { id: string; name: string } | null;
  hosts: { id: string; name: string }[];
  roomId: string | null;
  slotId: string | null;
  /** Total dots, or null when the organisers hide counts from this viewer. */
  votes: number | null;
  myVotes: number;
  starred: boolean;
  /** The viewer may edit or withdraw it (proposer, co-host, organiser). */
  canEdit: boolean;
  /** The viewer may drag it (organisers; its hosts in barcamp mode). */
  canMove: boolean;
  presence: DocPresence | null;
  /** Soft problems with where it is; organisers only. */
  warnings: ScheduleWarning[];
  /** Path of its notes page. */
  path: string;
  createdAt: string;
}

export interface BoardDayDto {
  day: string;
  slots: SlotDto[];
}

/** Everything a board view needs, for one viewer. */
export interface BoardStateDto {
  event: { id: string; slug: string; title: string; timezone: string; startDate: string; endDate: string; url: string };
  viewer: {
    userId: string | null;
    role: 'ORGANISER' | 'ATTENDEE' | null;
    canSchedule: boolean;
    canPlaceOwn: boolean;
    canVote: boolean;
    canPropose: boolean;
    votesUsed: number;
  };
  settings: {
    votesPerAttendee: number;
    maxVotesPerSession: number;
    barcampMode: boolean;
    boardLocked: boolean;
    hideVotesUntilScheduled: boolean;
  };
  rooms: RoomDto[];
  days: BoardDayDto[];
  sessions: BoardSessionDto[];
  /** Members who can be named as co-hosts (members only). */
  people: { id: string; name: string }[];
  /** When the server built this state (ISO), for "now" and staleness. */
  generatedAt: string;
}
