import { editingLabel } from '@/lib/notes/presence';
import type { DocPresence } from '@/lib/notes/presence-registry';

/** "● 3 people editing" beside a session, when anyone has its notes open. */
export function PresenceBadge({ presence }: { presence: DocPresence | undefined }) {
  if (!presence || (presence.editing === 0 && presence.viewing === 0)) return null;
  const label = presence.editing > 0 ? editingLabel(presence.editing) : `${presence.viewing} reading`;
  return (
    <span
      data-testid="presence-badge"
      className="inline-flex items-center gap-1.5 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700"
    >
      <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-brand-500" />
      {label}
    </span>
  );
}
