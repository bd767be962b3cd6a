import pino from 'pino';

const globalForLog = globalThis as unknown as { __hallwayLog?: pino.Logger };

/** The process's structured logger. Never log document content, passwords or tokens. */
export const logger: pino.Logger = (globalForLog.__hallwayLog ??= pino(
  {
    level: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
    base: { pid: process.pid },
    redact: {
      paths: ['token', 'password', '*.token', '*.password', 'req.headers.authorization', 'req.headers.cookie'],
      censor: '[redacted]',
    },
  },
  // The CLI keeps stdout for its answers (a token, a table), so its logs go to stderr.
  pino.destination(process.env.HALLWAY_LOG_STDERR ? 2 : 1),
));
