import { logger } from '@/lib/logger';

/**
 * On SIGTERM/SIGINT: run `close` once (stop accepting, flush, close sockets), then exit 0; exit 1
 * if it fails or takes longer than `timeoutMs`.
 */
export function exitOnSignals(close: () => Promise<void>, timeoutMs = 15_000): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: flushing and closing connections');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    close()
      .then(() => process.exit(0))
      .catch((err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
