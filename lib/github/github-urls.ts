import { env } from '@/lib/env';

/** GitHub's web base (GITHUB_URL, github.com or an Enterprise host). */
export function githubWebUrl(): string {
  return env().GITHUB_URL.replace(/\/$/, '');
}

/** GitHub's REST API base: GITHUB_API_URL, else api.github.com or <Enterprise host>/api/v3. */
export function githubApiUrl(): string {
  const e = env();
  const web = githubWebUrl();
  return (e.GITHUB_API_URL ?? (web === 'https://github.com' ? 'https://api.github.com' : `${web}/api/v3`)).replace(
    /\/$/,
    '',
  );
}
