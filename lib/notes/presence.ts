// Who is in a notes document, from its awareness states. Shared by the notes page and the board.

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
  readOnly: boolean;
}

export interface PresenceSummary {
  /** Everyone here, one entry per person (several tabs count once), editors first. */
  people: PresenceUser[];
  /** People here who may edit: the "N people editing" count. */
  editing: number;
}

// Every colour carries white initials at 4.5:1 or more (WCAG AA for small text).
const PALETTE = [
  '#17735d',
  '#2563eb',
  '#c2410c',
  '#7c3aed',
  '#be185d',
  '#0e7490',
  '#a16207',
  '#4d7c0f',
  '#b91c1c',
  '#4338ca',
];

/** A stable colour per person, readable on white. */
export function colorForUser(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}

function asUser(state: unknown): PresenceUser | null {
  const u = (state as { user?: Partial<PresenceUser> } | null)?.user;
  if (!u || typeof u.id !== 'string' || typeof u.name !== 'string') return null;
  return {
    id: u.id,
    name: u.name.slice(0, 80),
    color: typeof u.color === 'string' ? u.color : colorForUser(u.id),
    readOnly: u.readOnly === true,
  };
}

/** Summarizes awareness states (`awareness.getStates().values()`) into people and an editing count. */
export function summarizePresence(states: Iterable<unknown>): PresenceSummary {
  const byId = new Map<string, PresenceUser>();
  for (const s of states) {
    const u = asUser(s);
    if (!u) continue;
    const prev = byId.get(u.id);
    // The same person in a read-only tab and an editing tab counts as editing.
    byId.set(u.id, prev ? { ...prev, readOnly: prev.readOnly && u.readOnly } : u);
  }
  const people = [...byId.values()].sort(
    (a, b) => Number(a.readOnly) - Number(b.readOnly) || a.name.localeCompare(b.name),
  );
  return { people, editing: people.filter((p) => !p.readOnly).length };
}

/** "1 person editing", "3 people editing". */
export function editingLabel(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'people'} editing`;
}
