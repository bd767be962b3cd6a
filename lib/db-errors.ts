// Pure helpers about database errors, importable without opening a database.

/** Whether a failed transaction lost a race with another writer and may simply run again. */
export function isRetryableConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string; meta?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === 'P2034') return true; // write conflict or deadlock
  // The SQLite adapter reports SQLITE_BUSY as P1008 with the driver's code in meta.
  const text = `${e.message ?? ''} ${JSON.stringify(e.meta ?? {})}`;
  return /SQLITE_BUSY|database is locked|could not serialize access|deadlock detected/i.test(text);
}
