import { expect, test } from './fixtures/test';
import { newUser } from './fixtures/users';

test('an organiser signs up, creates an event and an invite; a guest joins with only a name', async ({ browser }) => {
  const organiser = await browser.newContext();
  const page = await organiser.newPage();
  const me = newUser('organiser');

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('hallway track');
  await page.getByRole('link', { name: /get started/i }).click();
  await page.getByLabel('Your name').fill(me.name);
  await page.getByLabel('Email').fill(me.email);
  await page.getByLabel('Password').fill(me.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/events$/);
  await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible();

  await page.getByRole('link', { name: 'Create an event' }).click();
  await page.getByLabel('Title').fill('Harbour Unconf E2E');
  await page.getByLabel('Description').fill('Two days of open-space sessions by the harbour.');
  await page.getByLabel('First day').fill('2026-06-11');
  await page.getByLabel('Last day').fill('2026-06-12');
  await page.getByRole('button', { name: 'Create event' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour Unconf E2E' })).toBeVisible();
  await expect(page.getByText('You organise this')).toBeVisible();

  await page.getByRole('button', { name: 'Create invite link' }).click();
  const inviteUrl = await page.getByTestId('invite-url').first().inputValue();
  expect(inviteUrl).toMatch(/\/join\/[A-Za-z0-9_-]+$/);

  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(new URL(inviteUrl).pathname);
  await expect(guestPage.getByRole('heading', { name: 'Join Harbour Unconf E2E' })).toBeVisible();
  await guestPage.getByLabel('Join as a guest').fill('Jo the Guest');
  await guestPage.getByRole('button', { name: 'Join as guest' }).click();
  await expect(guestPage.getByRole('heading', { level: 1, name: 'Harbour Unconf E2E' })).toBeVisible();
  await expect(guestPage.getByText('You’re attending')).toBeVisible();
  await expect(guestPage.getByRole('button', { name: /account menu for jo the guest/i })).toBeVisible();

  // The organiser sees the guest among the event's people.
  const slug = new URL(page.url()).pathname.split('/')[2];
  await page.goto(`/e/${slug}/settings`);
  await expect(page.getByText('Jo the Guest')).toBeVisible();

  await organiser.close();
  await guest.close();
});

test('sign-in gives one message for a wrong password and an unknown email', async ({ page, request }) => {
  const u = newUser('probe');
  expect((await request.post('/api/users', { data: u })).status()).toBe(201);
  for (const [email, password] of [
    [u.email, 'wrong-password-123'],
    ['nobody-here@example.test', 'whatever-123456'],
  ] as const) {
    await page.goto('/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('form [role=alert]')).toHaveText('That email and password do not match an account.');
  }
});
