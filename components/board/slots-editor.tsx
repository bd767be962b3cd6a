'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Input, Select } from '@/components/ui/field';
import type { SlotDto } from '@/lib/slots/slots';
import { shortDay } from './board-moves';
import { EditableRow, heldSessions, type Run } from './editable-row';

const KINDS = [
  { value: 'SESSION', label: 'Sessions' },
  { value: 'LIGHTNING', label: 'Lightning talks' },
  { value: 'BREAK', label: 'Break' },
  { value: 'PLENARY', label: 'Plenary' },
] as const;

function SlotFields({
  prefix,
  start,
  end,
  kind,
  label,
  set,
}: {
  prefix: string;
  start: string;
  end: string;
  kind: string;
  label: string;
  set: (k: 'start' | 'end' | 'kind' | 'label', v: string) => void;
}) {
  return (
    <>
      <div className="w-32">
        <Input
          type="time"
          aria-label={`${prefix} start`}
          value={start}
          onChange={(e) => set('start', e.target.value)}
          required
        />
      </div>
      <span aria-hidden className="text-stone-500">
        –
      </span>
      <div className="w-32">
        <Input
          type="time"
          aria-label={`${prefix} end`}
          value={end}
          onChange={(e) => set('end', e.target.value)}
          required
        />
      </div>
      <div className="w-40">
        <Select aria-label={`${prefix} kind`} value={kind} onChange={(e) => set('kind', e.target.value)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-32 flex-1">
        <Input
          aria-label={`${prefix} label`}
          value={label}
          onChange={(e) => set('label', e.target.value)}
          placeholder="Label (optional)"
          maxLength={80}
        />
      </div>
    </>
  );
}

function SlotRow({ slot, held, run }: { slot: SlotDto; held: number; run: Run }) {
  const [v, setV] = useState({ start: slot.start, end: slot.end, kind: slot.kind as string, label: slot.label ?? '' });
  const dirty = v.start !== slot.start || v.end !== slot.end || v.kind !== slot.kind || v.label !== (slot.label ?? '');
  const name = `${slot.start}–${slot.end}`;
  return (
    <EditableRow
      testId="slot-row"
      className="py-2.5"
      dirty={dirty}
      onSave={() =>
        run(`slots/${slot.id}`, {
          method: 'PATCH',
          body: { day: slot.day, start: v.start, end: v.end, kind: v.kind, label: v.label || null },
        })
      }
      onDelete={() => run(`slots/${slot.id}`, { method: 'DELETE' })}
      text={{
        deleteButton: `Delete slot ${name}`,
        confirmTitle: `Delete slot ${name}?`,
        confirmText: held > 0 ? heldSessions('This slot', held) : `Delete the ${name} slot?`,
        confirmButton: 'Delete slot',
      }}
    >
      <SlotFields prefix={`Slot ${name}`} {...v} set={(k, val) => setV((s) => ({ ...s, [k]: val }))} />
    </EditableRow>
  );
}

function DaySlots({
  day,
  days,
  slots,
  heldBySlot,
  run,
}: {
  day: string;
  days: string[];
  slots: SlotDto[];
  heldBySlot: (id: string) => number;
  run: Run;
}) {
  const last = slots.at(-1);
  const [v, setV] = useState({ start: last?.end ?? '09:00', end: '', kind: 'SESSION', label: '' });
  const [error, setError] = useState<string | null>(null);
  const [copyTo, setCopyTo] = useState('');
  const others = days.filter((d) => d !== day);
  async function add(e: React.FormEvent) {
    e.preventDefault();
    const failure = await run('slots', {
      body: { day, start: v.start, end: v.end, kind: v.kind, ...(v.label ? { label: v.label } : {}) },
    });
    setError(failure);
    if (!failure) setV((s) => ({ ...s, start: s.end, end: '', label: '' }));
  }
  return (
    <section aria-label={shortDay(day)} className="rounded-lg p-4 ring-1 ring-stone-200" data-testid="slot-day">
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold text-ink">{shortDay(day)}</h3>
        {others.length > 0 && slots.length > 0 && (
          <div className="flex items-center gap-2">
            <div className="w-40">
              <Select
                aria-label={`Copy ${shortDay(day)} to`}
                value={copyTo}
                onChange={(e) => setCopyTo(e.target.value)}
              >
                <option value="">Copy day to…</option>
                {others.map((d) => (
                  <option key={d} value={d}>
                    {shortDay(d)}
                  </option>
                ))}
              </Select>
            </div>
            <Button
              type="button"
              variant="secondary"
              disabled={!copyTo}
              onClick={() => void run('slots/copy-day', { body: { fromDay: day, toDay: copyTo } }).then(setError)}
            >
              Copy
            </Button>
          </div>
        )}
      </div>
      {slots.length === 0 ? (
        <p className="text-sm text-stone-500">No slots on this day.</p>
      ) : (
        <ul className="divide-y divide-stone-100">
          {slots.map((s) => (
            <SlotRow
              key={`${s.id}:${s.start}:${s.end}:${s.kind}:${s.label}`}
              slot={s}
              held={heldBySlot(s.id)}
              run={run}
            />
          ))}
        </ul>
      )}
      <form onSubmit={add} className="mt-3 flex flex-wrap items-center gap-2 border-t border-stone-100 pt-3">
        <SlotFields
          prefix={`New slot on ${shortDay(day)}`}
          {...v}
          set={(k, val) => setV((s) => ({ ...s, [k]: val }))}
        />
        <Button type="submit">Add slot</Button>
      </form>
      <div className="mt-2">
        <FormError message={error} />
      </div>
    </section>
  );
}

/** Organisers add, change, copy and delete time slots, day by day. */
export function SlotsEditor({
  days,
  slotsByDay,
  heldBySlot,
  run,
}: {
  days: string[];
  slotsByDay: Map<string, SlotDto[]>;
  heldBySlot: (id: string) => number;
  run: Run;
}) {
  return (
    <div className="space-y-4">
      {days.map((d) => (
        <DaySlots key={d} day={d} days={days} slots={slotsByDay.get(d) ?? []} heldBySlot={heldBySlot} run={run} />
      ))}
    </div>
  );
}
