import clsx from 'clsx';
import { editingLabel, type PresenceSummary } from '@/lib/notes/presence';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')).toUpperCase();
}

/** Overlapping avatars of who is here, plus the "N people editing" count. */
export function PresenceAvatars({
  presence,
  selfId,
  hideSelf = false,
  max = 6,
}: {
  presence: PresenceSummary;
  selfId: string | null;
  /** An anonymous reader is nobody to show, least of all to themselves. */
  hideSelf?: boolean;
  max?: number;
}) {
  const people = hideSelf ? presence.people.filter((p) => p.id !== selfId) : presence.people;
  const shown = people.slice(0, max);
  const extra = people.length - shown.length;
  return (
    <div className="flex items-center gap-3" data-testid="presence">
      {shown.length > 0 && (
        <ul className="flex -space-x-1.5" aria-label="People here">
          {shown.map((p) => (
            <li key={p.id} title={`${p.name}${p.id === selfId ? ' (you)' : ''}${p.readOnly ? ' · reading' : ''}`}>
              <span
                className={clsx(
                  'flex h-8 w-8 items-center justify-center rounded-full text-xs font-semibold text-white ring-2 ring-white',
                  p.readOnly && 'outline-2 outline-offset-1 outline-dashed outline-stone-400',
                )}
                style={{ backgroundColor: p.color }}
                data-testid="presence-avatar"
              >
                {initials(p.name)}
              </span>
              <span className="sr-only">{p.name}</span>
            </li>
          ))}
          {extra > 0 && (
            <li>
              <span
                className={
                  'flex h-8 w-8 items-center justify-center rounded-full bg-stone-200 text-xs font-semibold ' +
                  'text-stone-700 ring-2 ring-white'
                }
              >
                +{extra}
              </span>
            </li>
          )}
        </ul>
      )}
      <span className="text-sm text-stone-600" data-testid="editing-count">
        {editingLabel(presence.editing)}
      </span>
    </div>
  );
}
