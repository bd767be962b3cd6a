export type ErrorCode =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

/** A failure the caller can act on; API handlers turn it into `{ error: { code, message } }`. */
export class AppError extends Error {
  /** Seconds the caller should wait before trying again (sent as Retry-After with a 429). */
  retryAfterS?: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', what);
export const forbidden = (why = 'You do not have permission to do that') => new AppError('forbidden', why);
export const unauthenticated = () => new AppError('unauthenticated', 'Sign in first');
export const badRequest = (message: string, field?: string) => new AppError('bad_request', message, field);
export function rateLimited(message: string, retryAfterS: number): AppError {
  const err = new AppError('rate_limited', message);
  err.retryAfterS = Math.max(1, Math.ceil(retryAfterS));
  return err;
}
export const conflict = (message: string, field?: string) => new AppError('conflict', message, field);

/** Prisma's unique-constraint failure, across both drivers. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}
