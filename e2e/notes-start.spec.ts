import { expect, test } from './fixtures/test';
import { newNotesContext, openNotes, setUpNotes } from './fixtures/notes';

// How a first visit to a notes page starts (docs/performance.md, "time to editable, second
// round"): the order of things, not how long they take.

test('a first visit gets the editor with the page, opens one connection before hydrating, and prefetches nothing', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  const writer = await openNotes(s.organiser.context, s.path);
  await writer.getByTestId('notes-editor').click();
  await writer.keyboard.type('written before the visit');
  await expect(writer.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');

  // A fresh context: nothing cached, no local copy of the notes in IndexedDB.
  const context = await newNotesContext(browser);
  await context.addCookies(await s.attendee.context.cookies());
  await context.addInitScript(() => {
    // The moment the editor is editable and synced, in the page's own timeline.
    const check = () => {
      const ed = document.querySelector('[data-testid=notes-editor][contenteditable=true]');
      const st = document.querySelector('[data-testid=connection-status][data-phase=synced]');
      if (ed && st && !performance.getEntriesByName('test:editable').length) performance.mark('test:editable');
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const page = await context.newPage();
  const sockets: string[] = [];
  const prefetches: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  page.on('request', (req) => {
    if (new URL(req.url()).searchParams.has('_rsc')) prefetches.push(req.url());
  });
  const response = await page.goto(s.path);
  const html = (await response!.text()).replaceAll('\\/', '/');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced', { timeout: 30_000 });
  await expect(page.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'true');
  await expect(page.getByTestId('notes-editor')).toContainText('written before the visit');

  const timeline = await page.evaluate(() => {
    const editable = performance.getEntriesByName('test:editable')[0]!.startTime;
    const order = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.startsWith('hallway:'))
      .map((m) => m.name.slice('hallway:'.length));
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.initiatorType === 'script' && e.startTime < editable)
      .map((e) => new URL(e.name).pathname);
    return { order, scripts };
  });
  // Every script the page ran before the notes were editable is named in its HTML: none had to
  // wait for another script to ask for it (the editor's code was a lazy chunk before).
  expect(timeline.scripts.length).toBeGreaterThan(0);
  for (const script of timeline.scripts) expect(html, script).toContain(script);
  // The connection opens from the page's HTML before the editor's code runs and the page hydrates,
  // and the editor takes that one over: one socket.
  const at = (step: string) => timeline.order.indexOf(step);
  expect(at('connection-created')).toBeGreaterThanOrEqual(0);
  expect(at('connection-created')).toBeLessThan(at('editor-module'));
  expect(at('connection-created')).toBeLessThan(at('hydrated'));
  expect(timeline.order.filter((step) => step === 'connection-created')).toHaveLength(1);
  expect(sockets).toHaveLength(1);

  // The header's and breadcrumb's links are not prefetched from here (the server renders those).
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('link', { name: 'Board' })).toBeVisible();
  expect(prefetches).toEqual([]);

  // The first visit kept a local copy all the same: typed text is in IndexedDB for an offline reload.
  await page.getByTestId('notes-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' and by the visitor');
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
  expect(names.some((n) => n.endsWith(`:session:${s.sessionId}`))).toBe(true);
  await context.close();
});
