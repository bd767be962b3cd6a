import pino from 'pino';
import { logSettings } from '@/lib/env';

const globalForLog = globalThis as unknown as { __hallwayLog?: pino.Logger };

const settings = logSettings();

/** The process's structured logger. Never log document content, passwords or tokens. */
export const logger: pino.Logger = (globalForLog.__hallwayLog ??= pino(
  {
    level: settings.level,
    base: { pid: process.pid },
    redact: {
      paths: ['token', 'password', '*.token', '*.password', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  },
  // The CLI keeps stdout for its answers (a token, a table), so its logs go to stderr.
  pino.destination(settings.toStderr ? 2 : 1),
));
