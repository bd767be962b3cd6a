import type { Actor } from '@/lib/policies';
import { absoluteUrl } from '@/lib/env';
import { loadBoardState } from '@/lib/board/load-board';
import type { BoardStateDto } from '@/lib/board/board-dto';
import type { RoomDto } from '@/lib/rooms/rooms';
import type { SlotDto } from '@/lib/slots/slots';
import { displayHosts } from './display-hosts';

export interface PublicScheduleSession {
  id: string;
  title: string;
  description: string;
  format: string;
  tags: string[];
  hosts: { id: string; name: string }[];
  roomId: string;
  slotId: string;
  /** Its notes page. */
  url: string;
}

export interface PublicSchedule {
  event: BoardStateDto['event'];
  rooms: RoomDto[];
  days: { day: string; slots: SlotDto[] }[];
  sessions: PublicScheduleSession[];
}

/** The scheduled sessions of an event in rooms and slots, as anyone who may read the event sees them. */
export function toPublicSchedule(board: BoardStateDto): PublicSchedule {
  return {
    event: board.event,
    rooms: board.rooms,
    days: board.days,
    sessions: board.sessions
      .filter((s) => s.status === 'SCHEDULED' && s.roomId && s.slotId)
      .map((s) => ({
        id: s.id,
        title: s.title,
        description: s.description,
        format: s.format,
        tags: s.tags,
        hosts: displayHosts(s),
        roomId: s.roomId!,
        slotId: s.slotId!,
        url: absoluteUrl(s.path),
      })),
  };
}

export async function loadPublicSchedule(actor: Actor | null, slug: string): Promise<PublicSchedule> {
  return toPublicSchedule(await loadBoardState(actor, slug));
}
