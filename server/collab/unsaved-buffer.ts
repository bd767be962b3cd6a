import { logger } from '@/lib/logger';
import type { CollabMetrics } from './metrics';

const log = logger.child({ component: 'collab-unsaved' });

/** Consecutive failed appends after which the database counts as unavailable (health 503, one error log). */
export const UNAVAILABLE_AFTER_FAILURES = 3;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2000;

/**
 * What the collab server accepted from clients but has not yet appended to the database log, and
 * whether appending is failing. While the database is away (PostgreSQL unreachable, the SQLite
 * file locked by another process) clients are still served and their updates wait here, retried
 * with a growing pause; past `maxBytes` the server stops taking new edits (the sender keeps them
 * in its editor and sends them again when it reconnects), so memory stays bounded.
 */
export class UnsavedBuffer {
  private updates = 0;
  private bytes = 0;
  private failures = 0;
  private outageSince: number | null = null;

  constructor(
    private readonly maxBytes: number,
    private readonly metrics: CollabMetrics,
  ) {
    metrics.unsavedBytesLimit.set(maxBytes);
  }

  /** An accepted update was queued for the log. */
  added(bytes: number): void {
    this.updates++;
    this.bytes += bytes;
    this.report();
  }

  /** Queued updates were committed. */
  written(updates: number, bytes: number): void {
    this.updates = Math.max(0, this.updates - updates);
    this.bytes = Math.max(0, this.bytes - bytes);
    this.failures = 0;
    if (this.outageSince !== null) {
      log.info(
        { unavailableMs: Date.now() - this.outageSince, updates, bytes, stillUnsaved: this.updates },
        'database back: buffered edits written',
      );
      this.outageSince = null;
    }
    this.report();
  }

  /** An append failed; returns how long to wait before the next attempt. */
  failed(err: unknown, updates: number): number {
    this.failures++;
    this.metrics.persistErrors.inc();
    const detail = {
      err: describe(err),
      failures: this.failures,
      unsavedUpdates: this.updates,
      unsavedBytes: this.bytes,
    };
    if (this.failures === UNAVAILABLE_AFTER_FAILURES) {
      this.outageSince = Date.now();
      log.error(
        { ...detail, limitBytes: this.maxBytes },
        'database unavailable: edits are served to connected clients and buffered in memory until it is back (health answers 503)',
      );
    } else if (this.failures < UNAVAILABLE_AFTER_FAILURES) {
      // A short lock held by another writer: retried soon, not yet an outage.
      log.warn({ ...detail, batch: updates }, 'appending to the update log failed; will retry');
    } else if (this.failures % 30 === 0) {
      log.error(detail, 'database still unavailable: edits buffered in memory');
    }
    this.report();
    return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.failures - 1));
  }

  /** Whether appends are failing for longer than a passing lock (for /health). */
  get available(): boolean {
    return this.failures < UNAVAILABLE_AFTER_FAILURES;
  }

  /** New edits must wait: the buffer is at its limit. */
  get full(): boolean {
    return this.bytes >= this.maxBytes;
  }

  private report(): void {
    this.metrics.unsavedUpdates.set(this.updates);
    this.metrics.unsavedBytes.set(this.bytes);
    this.metrics.databaseAvailable.set(this.available ? 1 : 0);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.message.split('\n').filter(Boolean).slice(-1)[0] ?? err.name) : String(err);
}
