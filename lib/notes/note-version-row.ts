// What is read of a stored note version for lists and answers, shared by the versions use cases
// (note-versions.ts) and the server's automatic versions (take-auto-note-version.ts).

export type NoteVersionKind = 'AUTO' | 'MANUAL' | 'RESTORE';

/** The columns of a NoteVersionRow (the document itself is read only when needed). */
export const NOTE_VERSION_SELECT = {
  id: true,
  kind: true,
  name: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
} as const;

export type NoteVersionRow = {
  id: string;
  kind: NoteVersionKind;
  name: string | null;
  createdAt: Date;
  createdBy: { id: string; name: string } | null;
};
