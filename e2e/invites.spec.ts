import fs from 'node:fs';
import { expect, test } from './fixtures/test';
import { createEventViaApi, newUser, signUpViaApi } from './fixtures/users';

fs.mkdirSync('test-results/screens', { recursive: true });
const PORT = Number(process.env.E2E_PORT || 3210);

test('with no PUBLIC_URL, invite links use the address the organiser opened, with a QR code', async ({ browser }) => {
  // Reached by IP address, as a phone on the venue's Wi-Fi would; the server only knows "localhost".
  const base = `http://127.0.0.1:${PORT}`;
  const context = await browser.newContext({ baseURL: base });
  await signUpViaApi(context, newUser('org'));
  const event = await createEventViaApi(context.request);
  const page = await context.newPage();
  await page.goto(`/e/${event.slug}`);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const url = page.getByTestId('invite-url').first();
  await expect(url).toHaveValue(new RegExp(`^${base.replace(/\./g, '\\.')}/join/[A-Za-z0-9_-]+$`));
  await expect(page.getByTestId('invite-host-note')).toContainText(base);
  const qr = page.getByRole('img', { name: 'QR code of the invite link for attendees' });
  await expect(qr.locator('svg path').first()).toBeAttached();
  await qr.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/invite-qr.png', fullPage: true });

  // The link works from another device.
  const other = await browser.newContext({ baseURL: base });
  const join = await other.newPage();
  await join.goto(await url.inputValue());
  await expect(join.getByRole('heading', { level: 1 })).toContainText(event.slug.replace(/-/g, ' '), {
    ignoreCase: true,
  });
});

test('the last organiser is not offered "Make attendee" or "Remove"', async ({ browser }) => {
  const org = await browser.newContext();
  await signUpViaApi(org, newUser('org'));
  const event = await createEventViaApi(org.request);
  const page = await org.newPage();
  await page.goto(`/e/${event.slug}/settings`);
  await expect(page.getByTestId('last-organiser')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Make attendee' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);

  // With a second organiser, both may be changed again.
  const inv = await org.request.post(`/api/events/${event.slug}/invites`, { data: { role: 'ORGANISER' } });
  const { token } = (await inv.json()) as { token: string };
  const second = await browser.newContext();
  await signUpViaApi(second, newUser('co'));
  expect((await second.request.post(`/api/invites/${token}/accept`)).ok()).toBe(true);
  await page.reload();
  await expect(page.getByTestId('last-organiser')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Make attendee' })).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screens/settings-members.png', fullPage: true });
});
