import { expect, test } from './fixtures/test';
import { FAKE_GITHUB_USER } from './fixtures/fake-github';

test('GitHub sign-in creates the account and signs in (against a local GitHub stand-in)', async ({ page }) => {
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(
    page.getByRole('button', { name: new RegExp(`account menu for ${FAKE_GITHUB_USER.name}`, 'i') }),
  ).toBeVisible();
  const me = await page.request.get('/api/me');
  expect(await me.json()).toMatchObject({ name: FAKE_GITHUB_USER.name, email: FAKE_GITHUB_USER.email, isGuest: false });

  // Signing in again finds the same account instead of making another.
  const first = (await me.json()) as { id: string };
  await page.context().clearCookies();
  await page.goto('/signin');
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();
  await expect(page).toHaveURL(/\/events$/);
  expect(((await (await page.request.get('/api/me')).json()) as { id: string }).id).toBe(first.id);
});
