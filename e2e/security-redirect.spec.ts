import { expect, test } from './fixtures/test';
import { newUser } from './fixtures/users';

// Issue 9 #5: a crafted callbackUrl must never send the browser off-site after signing in.
const HOSTILE = ['/\\evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example/', '/.//evil.example'];

test('sign-in with a hostile callbackUrl stays on this site', async ({ page, request, baseURL }) => {
  const u = newUser('redirect');
  expect((await request.post('/api/users', { data: u })).status()).toBe(201);
  const origin = new URL(baseURL!).origin;
  const leftTo: string[] = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && new URL(r.url()).origin !== origin) leftTo.push(r.url());
  });
  for (const callbackUrl of HOSTILE) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel('Email').fill(u.email);
    await page.getByLabel('Password').fill(u.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${origin}/events`);
  }
  expect(leftTo).toEqual([]);
});

test('a same-site callbackUrl is honoured', async ({ page, request, baseURL }) => {
  const u = newUser('redirect');
  expect((await request.post('/api/users', { data: u })).status()).toBe(201);
  await page.goto(`/signin?callbackUrl=${encodeURIComponent('/account')}`);
  await page.getByLabel('Email').fill(u.email);
  await page.getByLabel('Password').fill(u.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${new URL(baseURL!).origin}/account`);
});
