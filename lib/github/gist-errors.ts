import { AppError } from '@/lib/errors';

interface GithubFailure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function resetTime(headers: Record<string, string | number | undefined> | undefined): string | null {
  const reset = Number(headers?.['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000).toISOString().slice(11, 16) + ' UTC';
  const retry = Number(headers?.['retry-after']);
  return Number.isFinite(retry) && retry > 0 ? `${Math.ceil(retry / 60)} minute${retry > 60 ? 's' : ''}` : null;
}

function githubMessage(err: GithubFailure): string {
  const data = err.response?.data as
    { message?: string; errors?: { message?: string; field?: string; code?: string }[] } | undefined;
  const details = (data?.errors ?? [])
    .map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(' '))
    .filter(Boolean);
  return [data?.message ?? err.message ?? 'no details', ...details].join('; ');
}

/**
 * GitHub's answer as a message people can act on. `field: 'github'` tells the page to offer
 * connecting GitHub (again).
 */
export function githubError(err: unknown, what: { updating: boolean }): AppError {
  const e = (err ?? {}) as GithubFailure;
  const headers = e.response?.headers;
  const status = e.status ?? 0;
  if (status === 401)
    return new AppError(
      'forbidden',
      'GitHub no longer accepts Hallway’s access to your account. Connect GitHub again.',
      'github',
    );
  if (
    status === 429 ||
    (status === 403 && (String(headers?.['x-ratelimit-remaining']) === '0' || /rate limit/i.test(githubMessage(e))))
  ) {
    const when = resetTime(headers);
    return new AppError(
      'rate_limited',
      `GitHub’s rate limit is reached${when ? `; try again after ${when}` : '; try again later'}.`,
    );
  }
  if (status === 403)
    return new AppError(
      'forbidden',
      `GitHub refused: ${githubMessage(e)}. Connect GitHub again to grant the gist permission.`,
      'github',
    );
  if (status === 404 && what.updating)
    return new AppError('not_found', 'The gist was deleted on GitHub. Publish again to create a new one.');
  if (status === 404)
    return new AppError(
      'forbidden',
      'GitHub did not let Hallway create a gist: the gist permission is missing. Connect GitHub again.',
      'github',
    );
  if (status === 422) return new AppError('bad_request', `GitHub rejected the gist: ${githubMessage(e)}`);
  return new AppError(
    'internal',
    status ? `GitHub answered ${status}; try again in a moment.` : 'Could not reach GitHub; try again in a moment.',
  );
}
