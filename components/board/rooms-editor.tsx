'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Input } from '@/components/ui/field';
import type { RoomDto } from '@/lib/rooms/rooms';
import { EditableRow, heldSessions, type Run } from './editable-row';

function RoomRow({
  room,
  index,
  count,
  held,
  run,
  onMove,
}: {
  room: RoomDto;
  index: number;
  count: number;
  held: number;
  run: Run;
  onMove: (from: number, to: number) => void;
}) {
  const [name, setName] = useState(room.name);
  const [capacity, setCapacity] = useState(room.capacity?.toString() ?? '');
  const dirty = name !== room.name || capacity !== (room.capacity?.toString() ?? '');
  return (
    <EditableRow
      testId="room-row"
      className="py-3"
      dirty={dirty}
      onSave={() =>
        run(`rooms/${room.id}`, { method: 'PATCH', body: { name, capacity: capacity ? Number(capacity) : null } })
      }
      onDelete={() => run(`rooms/${room.id}`, { method: 'DELETE' })}
      text={{
        deleteButton: `Delete ${room.name}`,
        confirmTitle: `Delete ${room.name}?`,
        confirmText: held > 0 ? heldSessions(room.name, held) : `Delete ${room.name}?`,
        confirmButton: 'Delete room',
      }}
    >
      <div className="flex flex-col">
        <button
          type="button"
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
          aria-label={`Move ${room.name} left`}
          className="rounded px-1.5 text-stone-500 hover:bg-stone-100 disabled:opacity-30"
        >
          ▲
        </button>
        <button
          type="button"
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
          aria-label={`Move ${room.name} right`}
          className="rounded px-1.5 text-stone-500 hover:bg-stone-100 disabled:opacity-30"
        >
          ▼
        </button>
      </div>
      <div className="min-w-32 flex-1">
        <Input
          aria-label={`Name of ${room.name}`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={60}
        />
      </div>
      <div className="w-24">
        <Input
          aria-label={`Seats in ${room.name}`}
          type="number"
          min={1}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
          placeholder="Seats"
        />
      </div>
    </EditableRow>
  );
}

/** Organisers add, rename, resize, reorder and delete rooms. */
export function RoomsEditor({
  rooms,
  heldByRoom,
  run,
}: {
  rooms: RoomDto[];
  heldByRoom: (roomId: string) => number;
  run: Run;
}) {
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    const failure = await run('rooms', { body: { name, ...(capacity ? { capacity: Number(capacity) } : {}) } });
    setError(failure);
    if (!failure) {
      setName('');
      setCapacity('');
    }
  }
  async function reorder(from: number, to: number) {
    const ids = rooms.map((r) => r.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    setError(await run('rooms', { method: 'PUT', body: { order: ids } }));
  }

  return (
    <div>
      {rooms.length === 0 ? (
        <p className="text-sm text-stone-500">No rooms yet.</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {rooms.map((r, i) => (
            <RoomRow
              key={`${r.id}:${r.name}:${r.capacity}`}
              room={r}
              index={i}
              count={rooms.length}
              held={heldByRoom(r.id)}
              run={run}
              onMove={(a, b) => void reorder(a, b)}
            />
          ))}
        </ul>
      )}
      <form onSubmit={add} className="mt-4 flex flex-wrap items-end gap-2 border-t border-stone-100 pt-4">
        <label className="min-w-40 flex-1 text-sm font-medium text-ink">
          Room name
          <Input
            className="mt-1"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={60}
            placeholder="Main hall"
          />
        </label>
        <label className="w-28 text-sm font-medium text-ink">
          Seats
          <Input
            className="mt-1"
            type="number"
            min={1}
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            placeholder="40"
          />
        </label>
        <Button type="submit">Add room</Button>
      </form>
      <div className="mt-2">
        <FormError message={error} />
      </div>
    </div>
  );
}
