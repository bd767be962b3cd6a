import { expect, test, type Page } from './fixtures/test';
import { createEventViaApi, signUpViaApi } from './fixtures/users';
import { newNotesContext, pasteInto } from './fixtures/notes';

// Issue 9 abuse: titles, names, descriptions, tags, room names and notes full of HTML, Markdown and
// script links are shown as text. Every page that shows them is checked: nothing runs (no dialog,
// no marker set by a payload), no javascript:/data: link exists, and nothing covers the page.

const MARK = (where: string) => `window.__pwned=${JSON.stringify(where)}`;
const hostile = (where: string) =>
  `<img src=x onerror="${MARK(where)}"><script>${MARK(where)}</script>` +
  `[click](javascript:${MARK(where)}) <a href="data:text/html,<script>${MARK(where)}</script>">d</a>` +
  `<div style="position:fixed;inset:0;z-index:99999;background:#c00">cover</div> **bold** {{7*7}} \${7*7}`;

async function assertInert(page: Page, label: string) {
  await expect(page.locator('h1').first()).toBeVisible();
  // Typing and pasting scroll the page with the caret; the heading is checked where it sits, at the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  const report = await page.evaluate(() => {
    const w = window as unknown as { __pwned?: string };
    const links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '');
    const h1 = document.querySelector('h1')!.getBoundingClientRect();
    const atHeading = document.elementFromPoint(h1.left + Math.min(h1.width / 2, 40), h1.top + h1.height / 2);
    const atCentre = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
    const covering = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return (
        (s.position === 'fixed' || s.position === 'absolute') &&
        r.width >= window.innerWidth * 0.8 &&
        r.height >= window.innerHeight * 0.8
      );
    });
    return {
      pwned: w.__pwned ?? null,
      badLinks: links.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h)),
      headingReachable: !!atHeading && document.querySelector('h1')!.contains(atHeading),
      centreTag: atCentre?.closest('[style*="fixed"]') ? 'covered' : 'ok',
      covering: covering.map((el) => el.outerHTML.slice(0, 80)),
    };
  });
  expect(report, label).toEqual({ pwned: null, badLinks: [], headingReachable: true, centreTag: 'ok', covering: [] });
}

test('hostile strings everywhere are shown as text: nothing runs, nothing covers the page', async ({
  browser,
  baseURL,
}) => {
  const context = await newNotesContext(browser);
  const dialogs: string[] = [];
  context.on('page', (p) =>
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    }),
  );
  await signUpViaApi(context);
  const event = await createEventViaApi(context.request, {
    title: `<img src=x onerror="${MARK('title')}"> Camp`,
    description: hostile('event description'),
    settings: { guestsAllowed: true },
  });
  const api = context.request;
  expect(
    (
      await api.post(`/api/events/${event.slug}/rooms`, { data: { name: `<b onmouseover="${MARK('room')}">Room</b>` } })
    ).status(),
  ).toBe(201);
  const s = await api.post(`/api/events/${event.slug}/sessions`, {
    data: {
      title: `<script>${MARK('session title')}</script> Talk`,
      description: hostile('session description'),
      tags: ['<i>x</i>', 'javascript:1'],
    },
  });
  expect(s.status(), await s.text()).toBe(201);
  const session = (await s.json()) as { id: string };

  // A guest whose display name is markup.
  const inv = await api.post(`/api/events/${event.slug}/invites`, { data: { role: 'ATTENDEE' } });
  const { token } = (await inv.json()) as { token: string };
  const guest = await browser.newContext({ baseURL });
  const { csrfToken } = (await (await guest.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const joined = await guest.request.post('/api/auth/callback/guest', {
    form: { csrfToken, token, name: `<svg onload="${MARK('guest')}">Eve`, json: 'true' },
  });
  expect(joined.ok()).toBe(true);
  await guest.close();

  const page = await context.newPage();
  for (const path of [
    `/e/${event.slug}`,
    `/e/${event.slug}/board`,
    `/e/${event.slug}/settings`,
    `/e/${event.slug}/s/${session.id}`,
    '/events',
  ]) {
    await page.goto(path);
    await assertInert(page, path);
  }
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Notes: paste the same payloads as HTML and as Markdown text.
  await page.goto(`/e/${event.slug}/s/${session.id}`);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');
  const editor = page.getByTestId('notes-editor');
  await editor.click();
  await pasteInto(page, { text: 'pasted', html: hostile('notes html') });
  await pasteInto(page, {
    text: `* [link](javascript:${MARK('notes md')})\n* [data](data:text/html,x)\n* <img src=x onerror="${MARK('notes md img')}">\n`,
  });
  await expect(editor).toContainText('cover');
  await assertInert(page, 'notes');
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');
  await assertInert(page, 'notes after reload');
  await page.screenshot({ path: 'test-results/screens/hostile-strings-notes.png', fullPage: true });
  expect(dialogs).toEqual([]);
  await context.close();
});
