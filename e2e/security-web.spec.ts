import http from 'node:http';
import { expect, test } from './fixtures/test';
import { newUser, signInViaApi, signUpViaApi } from './fixtures/users';

// Issue 9: the web-side guarantees, checked against the real server (see docs/security.md).

test('pages carry a nonce CSP, no framing, no cross-site referrer; the app still runs under it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto('/signin');
  const h = res!.headers();
  expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy']).toContain("object-src 'none'");
  expect(h['referrer-policy']).toBe('same-origin');
  expect(h['x-content-type-options']).toBe('nosniff');
  // Each page gets its own nonce.
  const again = (await page.request.get('/signin')).headers()['content-security-policy'];
  expect(again).not.toBe(h['content-security-policy']);
  // Hydrated React (scripts allowed by the nonce) validates the form client-side and signs in.
  const u = newUser('csp');
  expect((await page.request.post('/api/users', { data: u })).status()).toBe(201);
  await page.getByLabel('Email').fill(u.email);
  await page.getByLabel('Password').fill(u.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/events$/);
  expect(violations).toEqual([]);
});

test('signing out ends the session everywhere: a copied cookie no longer works', async ({ browser }) => {
  const context = await browser.newContext();
  const user = await signUpViaApi(context);
  const kept = (await context.cookies()).filter((c) => c.name.includes('next-auth.session-token'));
  expect(kept.length).toBeGreaterThan(0);
  const page = await context.newPage();
  await page.goto('/events');
  await page.getByRole('button', { name: /account menu/i }).click();
  await page.getByRole('button', { name: /sign out/i }).click();
  await expect(page).toHaveURL(/\/$/);
  const thief = await browser.newContext();
  await thief.addCookies(kept);
  expect((await thief.request.get('/api/me')).status()).toBe(401);
  // Signing in again works.
  await signInViaApi(context.request, user);
  await context.close();
  await thief.close();
});

test('wrong passwords: 429 with Retry-After; X-Forwarded-For is not trusted by default', async ({
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL });
  const u = newUser('guessed');
  expect((await api.post('/api/users', { data: u })).status()).toBe(201);
  const attempt = async (password: string, headers: Record<string, string> = {}) => {
    const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
    return api.post('/api/auth/callback/password', {
      form: { csrfToken, email: u.email, password, json: 'true' },
      headers,
      maxRedirects: 0,
    });
  };
  for (let i = 0; i < 10; i++) expect((await attempt(`wrong-password-${i}`)).status()).not.toBe(429);
  const limited = await attempt('wrong-password-x');
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
  expect(await limited.json()).toMatchObject({
    error: { code: 'rate_limited' },
    url: expect.stringContaining('error=RateLimited'),
  });
  // Claiming to come from elsewhere does not help: no proxy is trusted here.
  expect((await attempt('wrong-password-y', { 'x-forwarded-for': '203.0.113.77' })).status()).toBe(429);
  await api.dispose();
});

test('bad input: malformed paths are 400, a 40 MB body is refused unread with 413', async ({ request, baseURL }) => {
  for (const path of ['/e/%E0%A4%A', '/e/%', '/api/events/%ED%A0%80', '/e/abc/s/%FF']) {
    expect((await request.get(path)).status(), path).toBe(400);
  }
  const url = new URL('/api/users', baseURL);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(40 * 1024 * 1024) },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.write('{"email":"'); // the rest never comes: the server must answer without waiting for it
  });
  expect(status).toBe(413);
});

test('/metrics is not public without METRICS_TOKEN', async ({ request }) => {
  expect((await request.get('/metrics')).status()).toBe(404);
});
