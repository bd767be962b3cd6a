import { expect, test, type Browser, type BrowserContext, type Page } from './fixtures/test';
import { createEventViaApi, signUpViaApi } from './fixtures/users';

// Every foundation page renders its main heading without errors, at desktop and phone widths;
// the screenshots land in test-results/screens for people to look at. One test per group of pages:
// twelve full-page screenshots in one test took over its minute on a busy 2-core machine.

const shot = (name: string) => ({ path: `test-results/screens/${name}.png`, fullPage: true });

/** A fresh context and page that collect the page's errors. */
async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** A signed-in organiser's event with rooms, slots and two proposals. */
async function setUpEvent(context: BrowserContext): Promise<string> {
  await signUpViaApi(context);
  const event = await createEventViaApi(context.request, {
    title: 'Harbour Unconf 2026',
    description: 'Two days of open-space sessions by the harbour. Bring a topic, or just bring questions.',
  });
  for (const room of ['Aft', 'Bow', 'Galley'])
    await context.request.post(`/api/events/${event.slug}/rooms`, { data: { name: room, capacity: 30 } });
  await context.request.post(`/api/events/${event.slug}/slots`, {
    data: {
      startsAt: '2026-06-11T08:00:00Z',
      endsAt: '2026-06-11T08:45:00Z',
      kind: 'PLENARY',
      label: 'Opening and marketplace',
    },
  });
  await context.request.post(`/api/events/${event.slug}/slots`, {
    data: { startsAt: '2026-06-11T09:00:00Z', endsAt: '2026-06-11T09:45:00Z' },
  });
  await context.request.post(`/api/events/${event.slug}/sessions`, {
    data: { title: 'Incident reviews that people actually read' },
  });
  await context.request.post(`/api/events/${event.slug}/sessions`, {
    data: { title: 'Feature flags without the mess' },
  });
  return event.slug;
}

test.describe('pages render and look finished', () => {
  for (const viewport of [
    { width: 1280, height: 900, label: 'desktop' },
    { width: 390, height: 844, label: 'phone' },
  ]) {
    test(`landing, sign-in and sign-up at ${viewport.label} width`, async ({ browser }) => {
      const { context, page, errors } = await openPage(browser, viewport);
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.screenshot(shot(`landing-${viewport.label}`));
      await page.goto('/signin');
      await expect(page.getByRole('heading', { name: 'Sign in to Hallway' })).toBeVisible();
      await page.screenshot(shot(`signin-${viewport.label}`));
      await page.goto('/signup');
      await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
      await page.screenshot(shot(`signup-${viewport.label}`));
      expect(errors).toEqual([]);
      await context.close();
    });

    test(`an organiser's events, new event, event home, settings and board at ${viewport.label} width`, async ({
      browser,
    }) => {
      const { context, page, errors } = await openPage(browser, viewport);
      const slug = await setUpEvent(context);
      await page.goto('/events');
      await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible();
      await page.screenshot(shot(`my-events-${viewport.label}`));
      await page.goto('/events/new');
      await expect(page.getByRole('heading', { name: 'Create an event' })).toBeVisible();
      await page.screenshot(shot(`new-event-${viewport.label}`));
      await page.goto(`/e/${slug}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Harbour Unconf 2026' })).toBeVisible();
      await page.getByRole('button', { name: 'Create invite link' }).click();
      await expect(page.getByTestId('invite-url')).toHaveCount(1);
      await page.screenshot(shot(`event-home-${viewport.label}`));
      await page.goto(`/e/${slug}/settings`);
      await expect(page.getByRole('heading', { name: 'Event settings' })).toBeVisible();
      await page.screenshot(shot(`event-settings-${viewport.label}`));
      await page.goto(`/e/${slug}/board`);
      await expect(page.getByRole('heading', { name: 'Schedule board' })).toBeVisible();
      await page.screenshot(shot(`board-${viewport.label}`));
      expect(errors).toEqual([]);
      await context.close();
    });

    test(`account with a new API token, and the not-found page, at ${viewport.label} width`, async ({ browser }) => {
      const { context, page, errors } = await openPage(browser, viewport);
      await signUpViaApi(context);
      await page.goto('/account');
      await page.getByLabel('Token name').fill('export script');
      await page.getByRole('button', { name: 'Create token' }).click();
      await expect(page.getByTestId('new-token')).toHaveValue(/^hw_/);
      await page.screenshot(shot(`account-${viewport.label}`));
      await page.goto('/e/does-not-exist');
      await expect(page.getByRole('heading', { name: /could not find/i })).toBeVisible();
      await page.screenshot(shot(`not-found-${viewport.label}`));
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
