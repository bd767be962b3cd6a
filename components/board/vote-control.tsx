'use client';

import clsx from 'clsx';
import type { BoardSessionDto } from '@/lib/board/board-dto';

/** Dots the viewer put on a session, with buttons to add and take back one; the total when visible. */
export function VoteControl({
  session,
  max,
  left,
  onVote,
}: {
  session: BoardSessionDto;
  max: number;
  left: number;
  onVote?: (votes: number) => void;
}) {
  const canAdd = onVote && session.myVotes < max && left > 0;
  const canRemove = onVote && session.myVotes > 0;
  return (
    <div className="flex items-center gap-1.5" data-testid="vote-control">
      {onVote && (
        <>
          <button
            type="button"
            disabled={!canRemove}
            onClick={() => onVote(session.myVotes - 1)}
            aria-label={`Take a vote back from “${session.title}”`}
            className={
              'flex h-7 w-7 items-center justify-center rounded-full text-stone-600 ring-1 ring-stone-300 ' +
              'hover:bg-stone-100 disabled:opacity-40'
            }
          >
            <span aria-hidden>−</span>
          </button>
          <span className="flex gap-0.5" aria-label={`Your votes on it: ${session.myVotes}`} role="img">
            {Array.from({ length: max }, (_, i) => (
              <span
                key={i}
                className={clsx('h-2.5 w-2.5 rounded-full', i < session.myVotes ? 'bg-brand-600' : 'bg-stone-200')}
              />
            ))}
          </span>
          <button
            type="button"
            disabled={!canAdd}
            onClick={() => onVote(session.myVotes + 1)}
            aria-label={`Vote for “${session.title}”`}
            className={
              'flex h-7 w-7 items-center justify-center rounded-full bg-brand-600 text-white hover:bg-brand-700 ' +
              'disabled:bg-stone-300'
            }
          >
            <span aria-hidden>+</span>
          </button>
        </>
      )}
      <span className="ml-1 text-xs font-medium text-stone-600" data-testid="vote-total">
        {session.votes === null ? 'votes hidden' : `${session.votes} vote${session.votes === 1 ? '' : 's'}`}
      </span>
    </div>
  );
}

/** "●●○ 1 of 3 votes left" for the viewer's whole budget. */
export function VoteBudget({ used, budget }: { used: number; budget: number }) {
  const left = Math.max(0, budget - used);
  return (
    <div className="flex items-center gap-2 text-sm text-stone-700" data-testid="vote-budget">
      <span aria-hidden className="flex gap-1">
        {Array.from({ length: Math.min(budget, 20) }, (_, i) => (
          <span key={i} className={clsx('h-3 w-3 rounded-full', i < left ? 'bg-brand-600' : 'bg-stone-200')} />
        ))}
      </span>
      <span>
        <strong>{left}</strong> of {budget} vote{budget === 1 ? '' : 's'} left
      </span>
    </div>
  );
}
