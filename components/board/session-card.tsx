'use client';

import { useDraggable } from '@dnd-kit/core';
import clsx from 'clsx';
import Link from 'next/link';
import { PresenceBadge } from '@/components/events/presence-badge';
import type { BoardSessionDto, BoardStateDto } from '@/lib/board/board-dto';
import { displayHosts } from '@/lib/schedule/display-hosts';
import type { Cell } from './board-moves';
import { MoveMenu } from './move-menu';
import { VoteControl } from './vote-control';

export interface CardActions {
  onMove: (session: BoardSessionDto, to: Cell) => void;
  onVote: (session: BoardSessionDto, votes: number) => void;
  onEdit: (session: BoardSessionDto) => void;
}

const FORMAT_LABEL: Record<string, string> = {
  discussion: 'Discussion',
  talk: 'Talk',
  workshop: 'Workshop',
  lightning: 'Lightning',
  other: 'Other',
};

function GripIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-current">
      <circle cx="7" cy="5" r="1.5" />
      <circle cx="13" cy="5" r="1.5" />
      <circle cx="7" cy="10" r="1.5" />
      <circle cx="13" cy="10" r="1.5" />
      <circle cx="7" cy="15" r="1.5" />
      <circle cx="13" cy="15" r="1.5" />
    </svg>
  );
}

interface CardProps {
  session: BoardSessionDto;
  state: BoardStateDto;
  byCell: Map<string, BoardSessionDto>;
  actions: CardActions;
  variant: 'cell' | 'lot';
}

/** A session on the board that can be dragged by its handle. */
export function SessionCard(props: CardProps) {
  const drag = useDraggable({ id: props.session.id, disabled: !props.session.canMove });
  return <SessionCardView {...props} drag={drag} />;
}

/** What follows the pointer while dragging: the same card, without a second draggable. */
export function SessionCardOverlay(props: CardProps) {
  return <SessionCardView {...props} overlay />;
}

/** A session on the board: in a cell (compact) or in the parking lot (with its pitch and votes). */
function SessionCardView({
  session,
  state,
  byCell,
  actions,
  variant,
  overlay = false,
  drag,
}: CardProps & {
  overlay?: boolean;
  drag?: ReturnType<typeof useDraggable>;
}) {
  const isDragging = drag?.isDragging ?? false;
  const hosts = displayHosts(session);
  const left = state.settings.votesPerAttendee - state.viewer.votesUsed;
  const warnings = session.warnings;
  return (
    <article
      ref={drag?.setNodeRef}
      data-testid="session-card"
      data-session-id={session.id}
      aria-label={session.title}
      className={clsx(
        'group relative rounded-lg bg-white text-left shadow-sm ring-1 transition',
        variant === 'cell' ? 'p-2.5' : 'p-3',
        warnings.length ? 'ring-amber-300' : variant === 'cell' ? 'ring-brand-100 bg-brand-50/60' : 'ring-stone-200',
        isDragging && !overlay && 'opacity-40',
        overlay && 'rotate-1 shadow-xl ring-brand-500',
      )}
    >
      <div className="flex items-start gap-1.5">
        {session.canMove && (
          <button
            type="button"
            {...drag?.listeners}
            {...drag?.attributes}
            aria-label={`Drag “${session.title}”`}
            className={
              '-ml-1 mt-0.5 flex h-7 w-6 shrink-0 cursor-grab touch-none items-center justify-center rounded ' +
              'text-stone-400 hover:bg-stone-100 hover:text-stone-700 active:cursor-grabbing'
            }
          >
            <GripIcon />
          </button>
        )}
        <div className="min-w-0 flex-1">
          <Link
            href={session.path}
            className="block font-semibold leading-snug text-ink hover:text-brand-700 hover:underline"
          >
            {session.title}
          </Link>
          <p className="mt-0.5 truncate text-xs text-stone-500">
            {hosts.length ? hosts.map((h) => h.name).join(', ') : 'No host yet'}
            {session.format !== 'discussion' && <> · {FORMAT_LABEL[session.format] ?? session.format}</>}
          </p>
        </div>
      </div>
      {(session.needsHost || session.tags.length > 0) && (
        <div className="mt-1.5 flex flex-wrap gap-1">
          {session.needsHost && (
            <span className="rounded-full bg-amber-50 px-2 py-0.5 text-[11px] font-medium text-amber-800">
              Needs a host
            </span>
          )}
          {session.tags.map((t) => (
            <span key={t} className="rounded-full bg-stone-100 px-2 py-0.5 text-[11px] text-stone-600">
              #{t}
            </span>
          ))}
        </div>
      )}
      {variant === 'lot' && session.descriptionHtml && (
        <div
          className="pitch mt-2 line-clamp-3 text-sm text-stone-600"
          dangerouslySetInnerHTML={{ __html: session.descriptionHtml }}
        />
      )}
      {warnings.length > 0 && (
        <ul className="mt-2 space-y-1" aria-label="Warnings">
          {warnings.map((w, i) => (
            <li key={i} className="flex gap-1.5 text-xs text-amber-800" data-testid="cell-warning">
              <span aria-hidden>⚠</span>
              {w.message}
            </li>
          ))}
        </ul>
      )}
      {!overlay && (
        <div className="mt-2 flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
          <div className="flex items-center gap-2">
            {variant === 'lot' || session.votes ? (
              <VoteControl
                session={session}
                max={state.settings.maxVotesPerSession}
                left={left}
                onVote={
                  state.viewer.canVote && session.status === 'PROPOSED' ? (v) => actions.onVote(session, v) : undefined
                }
              />
            ) : null}
            {variant === 'cell' && <PresenceBadge presence={session.presence ?? undefined} />}
          </div>
          <div className="flex items-center gap-1">
            {variant === 'cell' && (
              <Link
                href={session.path}
                className="rounded px-1.5 py-0.5 text-xs font-semibold text-brand-700 hover:bg-brand-50"
              >
                Notes
              </Link>
            )}
            {session.canEdit && (
              <button
                type="button"
                onClick={() => actions.onEdit(session)}
                className="rounded px-1.5 py-0.5 text-xs font-semibold text-stone-600 hover:bg-stone-100"
                aria-label={`Edit “${session.title}”`}
              >
                Edit
              </button>
            )}
            {session.canMove && <MoveMenu session={session} state={state} byCell={byCell} onMove={actions.onMove} />}
          </div>
        </div>
      )}
    </article>
  );
}
