import { z } from 'zod';
import { db, type Room } from '@/lib/db';
import { AppError, isUniqueViolation } from '@/lib/errors';
import type { Actor } from '@/lib/policies';
import { announceBoardChange } from '@/lib/board/board-events';
import { assertCan, loadEventAccess } from '@/lib/events/event-access';

const name = z.string().trim().min(1, 'Give the room a name').max(60);
const capacity = z.number().int().min(1).max(100_000).nullable();
export const createRoomInput = z
  .object({ name, capacity: capacity.optional(), order: z.number().int().min(0).max(10_000).optional() })
  .strict();
export const updateRoomInput = z
  .object({ name, capacity, order: z.number().int().min(0).max(10_000) })
  .partial()
  .strict();

export interface RoomDto {
  id: string;
  name: string;
  capacity: number | null;
  order: number;
}
const toDto = (r: Room): RoomDto => ({ id: r.id, name: r.name, capacity: r.capacity, order: r.order });

function nameTaken(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError('conflict', 'A room with that name already exists', 'name');
  throw err;
}

export async function listRooms(actor: Actor | null, slug: string): Promise<RoomDto[]> {
  const access = await loadEventAccess(actor, { slug });
  const rows = await db.room.findMany({
    where: { eventId: access.event.id },
    orderBy: [{ order: 'asc' }, { createdAt: 'asc' }],
  });
  return rows.map(toDto);
}

export async function createRoom(actor: Actor | null, slug: string, input: unknown): Promise<RoomDto> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'room.manage');
  const data = createRoomInput.parse(input);
  const order = data.order ?? (await db.room.count({ where: { eventId: access.event.id } }));
  const room = await db.room
    .create({ data: { eventId: access.event.id, name: data.name, capacity: data.capacity ?? null, order } })
    .catch(nameTaken);
  announceBoardChange(access.event.id, 'room');
  return toDto(room);
}

async function roomInEvent(actor: Actor | null, slug: string, roomId: string, write: boolean) {
  const access = await loadEventAccess(actor, { slug });
  if (write) assertCan(access, 'room.manage');
  const room = await db.room.findFirst({ where: { id: roomId, eventId: access.event.id } });
  if (!room) throw new AppError('not_found', 'Room not found');
  return { access, room };
}

export async function getRoom(actor: Actor | null, slug: string, roomId: string): Promise<RoomDto> {
  return toDto((await roomInEvent(actor, slug, roomId, false)).room);
}

export async function updateRoom(actor: Actor | null, slug: string, roomId: string, input: unknown): Promise<RoomDto> {
  const { access, room } = await roomInEvent(actor, slug, roomId, true);
  const data = updateRoomInput.parse(input);
  const updated = await db.room.update({ where: { id: room.id }, data }).catch(nameTaken);
  announceBoardChange(access.event.id, 'room');
  return toDto(updated);
}

/** Deletes a room; sessions scheduled in it go back to unscheduled proposals. */
export async function deleteRoom(actor: Actor | null, slug: string, roomId: string): Promise<{ unscheduled: number }> {
  const { access, room } = await roomInEvent(actor, slug, roomId, true);
  const [moved] = await db.$transaction([
    db.session.updateMany({ where: { roomId: room.id }, data: { status: 'PROPOSED', roomId: null, slotId: null } }),
    db.room.delete({ where: { id: room.id } }),
  ]);
  announceBoardChange(access.event.id, 'room');
  return { unscheduled: moved.count };
}

export const reorderRoomsInput = z.object({ order: z.array(z.string().min(1)).min(1).max(200) }).strict();

/** Puts the event's rooms in the given order (organisers); the list must name every room once. */
export async function reorderRooms(actor: Actor | null, slug: string, input: unknown): Promise<RoomDto[]> {
  const access = await loadEventAccess(actor, { slug });
  assertCan(access, 'room.manage');
  const { order } = reorderRoomsInput.parse(input);
  const rooms = await db.room.findMany({ where: { eventId: access.event.id }, select: { id: true } });
  const known = new Set(rooms.map((r) => r.id));
  if (order.length !== known.size || new Set(order).size !== order.length || !order.every((id) => known.has(id))) {
    throw new AppError('bad_request', 'List every room of the event exactly once', 'order');
  }
  await db.$transaction(order.map((id, i) => db.room.update({ where: { id }, data: { order: i } })));
  announceBoardChange(access.event.id, 'room');
  return listRooms(actor, slug);
}
