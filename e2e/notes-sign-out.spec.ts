import { expect, test, type Page } from './fixtures/test';
import { openNotes, setUpNotes } from './fixtures/notes';

async function storedNames(page: Page): Promise<{ databases: string[]; caches: string[]; pages: number }> {
  return page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('hallway:'));
    const keys = await caches.keys();
    let pages = 0;
    for (const key of keys)
      if (key.startsWith('hallway-pages')) pages += (await (await caches.open(key)).keys()).length;
    return { databases, caches: keys, pages };
  });
}

test('private notes are not kept without consent, and nothing is readable offline after sign-out', async ({
  browser,
}) => {
  const s = await setUpNotes(browser, { visibility: 'PRIVATE' });

  // An attendee who did not ask for an offline copy: the page is not kept.
  const att = await openNotes(s.attendee.context, s.path);
  await expect(att.getByTestId('keep-offline')).not.toBeChecked();
  await expect(att.getByTestId('offline-ready')).toHaveAttribute('data-state', 'not-kept');
  expect((await storedNames(att)).pages).toBe(0);
  await s.attendee.context.setOffline(true);
  await att.reload();
  await expect(att.getByRole('heading', { name: 'You are offline' })).toBeVisible();
  await s.attendee.context.setOffline(false);

  // The organiser asks for one, writes, then signs out on this shared device.
  const page = await openNotes(s.organiser.context, s.path);
  await page.getByTestId('notes-editor').click();
  await page.keyboard.type('secret plan for the merger');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');
  await page.getByTestId('keep-offline').check();
  await expect(page.getByTestId('offline-ready')).toHaveAttribute('data-ready', 'true');
  await page.screenshot({ path: 'test-results/screens/notes-private-keep-offline.png', fullPage: true });
  const before = await storedNames(page);
  expect(before.databases).toHaveLength(1);
  expect(before.databases[0]).toContain(':u-');
  expect(before.pages).toBe(1);

  await page.getByRole('button', { name: `Account menu for ${s.organiser.user.name}` }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  // Only the app's public static files may be cached again by the next page.
  const after = await storedNames(page);
  expect(after.databases).toEqual([]);
  expect(after.pages).toBe(0);
  expect(after.caches.filter((k) => !k.startsWith('hallway-assets'))).toEqual([]);

  await s.organiser.context.setOffline(true);
  await page.goto(s.path).catch(() => undefined);
  await expect(page.locator('body')).toContainText('You are offline');
  await expect(page.locator('body')).not.toContainText('secret plan');
  await expect(page.locator('body')).not.toContainText(s.organiser.user.name);
});
