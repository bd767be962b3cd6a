import { z } from 'zod';
import { db, transaction } from '@/lib/db';
import { AppError, isUniqueViolation } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { announceBoardChange } from '@/lib/board/board-events';
import { allows, type EventAccess } from '@/lib/events/event-access';
import { sessionInclude, toSessionDto, type SessionDto } from '@/lib/sessions/session-dto';
import { assertOpen, loadSessionForChange, type SessionRow } from '@/lib/sessions/load-session-for-change';
import { timeInZone } from '@/lib/time';
import { loadEventWarnings } from './event-warnings';
import type { ScheduleWarning } from './schedule-warnings';

const cell = { roomId: z.string().min(1).max(40).nullable(), slotId: z.string().min(1).max(40).nullable() };

export const scheduleSessionInput = z
  .object({
    ...cell,
    /** Where the caller saw the session; if someone moved it since, the move is refused (409). */
    from: z.object(cell).strict().optional(),
    /** Organisers: when the target cell is taken, its session moves to where this one was. */
    swap: z.boolean().optional(),
  })
  .strict()
  .refine((v) => (v.roomId === null) === (v.slotId === null), {
    message: 'Give both roomId and slotId, or both null to unschedule',
    path: ['slotId'],
  });

export interface ScheduleResult {
  session: SessionDto;
  /** Soft problems with the new place, also shown on the board's cell. */
  warnings: ScheduleWarning[];
  /** The session that was swapped out of the target cell, and where it went. */
  swapped: { id: string; title: string; roomId: string | null; slotId: string | null } | null;
}

/** Who may move this session: organisers always; in barcamp mode, its hosts while the board is open. */
function assertMayMove(access: EventAccess, actor: Actor | null, session: SessionRow, swap: boolean): void {
  if (allows(access, 'schedule.manage')) return;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (!access.role) throw new AppError('forbidden', 'Join this event first');
  if (!access.settings.barcampMode)
    throw new AppError('forbidden', 'Only organisers put sessions on the board in this event');
  if (access.settings.boardLocked) throw new AppError('forbidden', 'The organisers have locked the board');
  const own = session.proposerId === actor.userId || session.hostIds.includes(actor.userId);
  if (!own) throw new AppError('forbidden', 'In barcamp mode you place your own sessions only');
  if (swap) throw new AppError('forbidden', 'Only organisers can swap sessions');
}

async function describePlace(roomId: string | null, slotId: string | null, timeZone: string): Promise<string> {
  if (!roomId || !slotId) return 'in the parking lot';
  const [room, slot] = await Promise.all([
    db.room.findUnique({ where: { id: roomId } }),
    db.slot.findUnique({ where: { id: slotId } }),
  ]);
  return `in ${room?.name ?? 'another room'} at ${slot ? timeInZone(slot.startsAt, timeZone) : 'another time'}`;
}

async function staleMove(session: SessionRow, timeZone: string): Promise<never> {
  const now = await db.session.findUnique({ where: { id: session.id }, select: { roomId: true, slotId: true } });
  throw new AppError(
    'conflict',
    `Someone else moved “${session.title}” meanwhile: it is now ${await describePlace(now?.roomId ?? null, now?.slotId ?? null, timeZone)}`,
  );
}

async function cellTaken(
  eventId: string,
  roomId: string,
  slotId: string,
  label: string,
  exceptId: string,
): Promise<never> {
  const holder = await db.session.findFirst({
    where: { eventId, roomId, slotId, id: { not: exceptId } },
    select: { id: true, title: true },
  });
  throw new AppError(
    'conflict',
    holder ? `“${holder.title}” already holds ${label}` : `${label} was just taken`,
    'slotId',
  );
}

/**
 * Puts a session into a room and slot, moves it, or (both null) takes it off the board. The
 * server decides every race: a cell holds one session (the database's unique index), and a move
 * based on an outdated view (`from`) is refused with where the session is now.
 */
export async function scheduleSession(actor: Actor | null, sessionId: string, input: unknown): Promise<ScheduleResult> {
  const { access, session } = await loadSessionForChange(actor, sessionId);
  const data = scheduleSessionInput.parse(input);
  assertMayMove(access, actor, session, data.swap === true);
  assertOpen(session);
  const event = access.event;
  if (data.from && (data.from.roomId !== session.roomId || data.from.slotId !== session.slotId))
    await staleMove(session, event.timezone);
  const here = { roomId: session.roomId, slotId: session.slotId };
  let swapped: ScheduleResult['swapped'] = null;

  if (data.roomId === null || data.slotId === null) {
    const r = await db.session.updateMany({
      where: { id: session.id, ...here },
      data: { roomId: null, slotId: null, status: 'PROPOSED' },
    });
    if (r.count === 0) await staleMove(session, event.timezone);
  } else {
    const [room, slot] = await Promise.all([
      db.room.findFirst({ where: { id: data.roomId, eventId: event.id } }),
      db.slot.findFirst({ where: { id: data.slotId, eventId: event.id } }),
    ]);
    if (!room) throw new AppError('bad_request', 'No such room in this event', 'roomId');
    if (!slot) throw new AppError('bad_request', 'No such slot in this event', 'slotId');
    if (slot.kind === 'BREAK' || slot.kind === 'PLENARY') {
      throw new AppError(
        'bad_request',
        `The ${timeInZone(slot.startsAt, event.timezone)} slot is a ${slot.kind.toLowerCase()}` +
          `${slot.label ? ` (${slot.label})` : ''}: sessions cannot go there`,
        'slotId',
      );
    }
    const label = `${room.name} at ${timeInZone(slot.startsAt, event.timezone)}`;
    const target = { roomId: room.id, slotId: slot.id };
    const holder = await db.session.findFirst({
      where: { eventId: event.id, ...target, id: { not: session.id } },
      select: { id: true, title: true },
    });
    if (holder && !data.swap) throw new AppError('conflict', `“${holder.title}” already holds ${label}`, 'slotId');
    try {
      if (holder) {
        await transaction(async (tx) => {
          // Free this session's cell first: the unique index forbids two sessions in one cell even briefly.
          const lifted = await tx.session.updateMany({
            where: { id: session.id, ...here },
            data: { roomId: null, slotId: null },
          });
          if (lifted.count === 0) throw new AppError('conflict', 'stale');
          const moved = await tx.session.updateMany({
            where: { id: holder.id, ...target },
            data: { ...here, status: here.roomId ? 'SCHEDULED' : 'PROPOSED' },
          });
          if (moved.count === 0) throw new AppError('conflict', 'stale');
          await tx.session.update({ where: { id: session.id }, data: { ...target, status: 'SCHEDULED' } });
        });
        swapped = { id: holder.id, title: holder.title, ...here };
      } else {
        const r = await db.session.updateMany({
          where: { id: session.id, ...here },
          data: { ...target, status: 'SCHEDULED' },
        });
        if (r.count === 0) await staleMove(session, event.timezone);
      }
    } catch (err) {
      if (isUniqueViolation(err)) await cellTaken(event.id, room.id, slot.id, label, session.id);
      if (err instanceof AppError && err.message === 'stale') await staleMove(session, event.timezone);
      throw err;
    }
  }
  announceBoardChange(event.id, 'schedule', session.id);
  const [row, warnings] = await Promise.all([
    db.session.findUniqueOrThrow({ where: { id: session.id }, include: sessionInclude }),
    loadEventWarnings(event.id),
  ]);
  return { session: toSessionDto(row, event), warnings: warnings.get(session.id) ?? [], swapped };
}
