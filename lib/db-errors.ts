// Pure helpers about database errors, importable without opening a database.

/**
 * Runs `fn` again, with a short growing pause, while it fails by losing a race with another writer
 * (the one retry loop of the code base: transactions in lib/db.ts, compaction in the collab server).
 */
export async function retryOnConflict<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !isRetryableConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 25));
    }
  }
}

/** Whether a failed transaction lost a race with another writer and may simply run again. */
export function isRetryableConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string; meta?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === 'P2034') return true; // write conflict or deadlock
  // The SQLite adapter reports SQLITE_BUSY as P1008 with the driver's code in meta.
  const text = `${e.message ?? ''} ${JSON.stringify(e.meta ?? {})}`;
  return /SQLITE_BUSY|database is locked|could not serialize access|deadlock detected|TransactionWriteConflict/i.test(
    text,
  );
}
