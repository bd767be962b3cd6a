import { expect, test } from './fixtures/test';
import { docJSON, docOutline, openNotes, pasteInto as paste, setUpNotes } from './fixtures/notes';

test('pasting Markdown, Google Docs and Etherpad keeps the nesting; links only for http(s) and mailto', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  const page = await openNotes(s.organiser.context, s.path);
  const editor = page.getByTestId('notes-editor');
  await editor.click();

  await paste(page, {
    text:
      '* why do reviews go unread?\n  * too long\n    * nobody remembers\n* follow-ups\n  * [x] share the ' +
      'template\n  * [ ] ask legal\n',
  });
  await expect(editor).toContainText('nobody remembers');
  const md = await docJSON(page);
  expect(JSON.stringify(md)).toContain('"type":"taskItem"');
  expect(JSON.stringify(md)).toContain('"checked":true');
  await expect
    .poll(() => docOutline(page))
    .toEqual([
      [
        ['why do reviews go unread?', [['too long', ['nobody remembers']]]],
        ['follow-ups', ['share the template', 'ask legal']],
      ],
    ]);

  // Google Docs: flat lists with aria-level.
  await page.evaluate(() => window.__hallwayEditor!.commands.clearContent(true));
  await editor.click();
  await paste(page, {
    text: 'a\na1\nb',
    html:
      '<b id="docs-internal-guid-x" style="font-weight:normal"><ul><li ' +
      'aria-level="1"><p><span>a</span></p></li><ul><li aria-level="2"><p><span>a1</span></p></li></ul><li ' +
      'aria-level="1"><p><span>b</span></p></li></ul></b>',
  });
  await expect.poll(() => docOutline(page)).toEqual([[['a', ['a1']], 'b']]);

  // Etherpad: one-item lists with list-bulletN classes.
  await page.evaluate(() => window.__hallwayEditor!.commands.clearContent(true));
  await editor.click();
  await paste(page, {
    text: 'x\nx1',
    html: '<div><ul class="list-bullet1"><li>x</li></ul></div><div><ul class="list-bullet2"><li>x1</li></ul></div>',
  });
  await expect.poll(() => docOutline(page)).toEqual([[['x', ['x1']]]]);

  // A URL pasted over selected text links it; a javascript: URL does not.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('the guide');
  await page.keyboard.press('Shift+Home');
  await paste(page, { text: 'https://example.org/debriefing-guide' });
  await expect(editor.locator('a[href="https://example.org/debriefing-guide"]')).toHaveText('the guide');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('bad');
  await page.keyboard.press('Shift+Home');
  await paste(page, { text: 'javascript:alert(1)' });
  await expect(editor.locator('a[href^="javascript"]')).toHaveCount(0);
});

const SAMPLE = `## Session 1: Incident reviews that people actually read

* why do reviews go unread?
  * too long, written for the auditors not the team
  * published weeks later
    * by then nobody remembers the context
      * "it was a config push"
        * nobody could find the **original** ticket
* formats people liked
  * one page, a timeline, and "what surprised us"
* tooling
  * we keep them as Markdown in the repo, next to \`runbooks/\`
  * someone mentioned [the Etsy debriefing guide](https://example.org/debriefing-guide)
* follow-ups
  * [x] share the template in the channel
  * [ ] ask legal whether customer names can stay in

\`\`\`yaml
flags:
  new-checkout:
    owner: payments
\`\`\`
`;

test('real notes pasted as Markdown look right', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const page = await openNotes(s.organiser.context, s.path);
  const b = await openNotes(s.attendee.context, s.path);
  await page.getByTestId('notes-editor').click();
  await paste(page, { text: SAMPLE });
  await expect(page.getByTestId('notes-editor')).toContainText('ask legal whether');
  await expect(page.getByTestId('notes-editor').locator('h2')).toHaveText(
    'Session 1: Incident reviews that people actually read',
  );
  await expect(page.getByTestId('notes-editor').locator('pre code')).toContainText('owner: payments');
  await expect(b.getByTestId('notes-editor')).toContainText('ask legal whether');
  await b.getByTestId('notes-editor').locator('p', { hasText: 'formats people liked' }).click();
  await expect(page.locator('.collaboration-carets__label')).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1000 });
  await page.screenshot({ path: 'test-results/screens/notes-rich.png', fullPage: true });
});

test('an editor older than the document turns read-only and asks for a reload; nobody can make it so for everyone', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  const a = await openNotes(s.organiser.context, s.path);
  const b = await openNotes(s.attendee.context, s.path);
  // A's own copy claims a newer editor wrote it: A's editor stops editing and asks for a reload.
  await a.evaluate(() => window.__hallwayDoc!.getMap('meta').set('schemaVersion', 999));
  await expect(a.getByTestId('schema-newer')).toContainText('newer version of Hallway');
  await expect(a.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'false');
  // The server refused that update (issue 9): B, and whoever opens the notes next, edit on.
  await b.getByTestId('notes-editor').click();
  await b.keyboard.type('still editable');
  const c = await openNotes(s.attendee.context, s.path);
  await expect(c.getByTestId('notes-editor')).toContainText('still editable');
  for (const page of [b, c]) {
    await expect(page.getByTestId('schema-newer')).toHaveCount(0);
    await expect(page.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'true');
  }
});

test('a URL pasted before linkifyjs has loaded is still linked, once it has', async ({ browser }) => {
  const s = await setUpNotes(browser);
  // No service worker: the page's requests must reach page.route (a worker's cache would answer).
  const context = await browser.newContext({
    storageState: await s.organiser.context.storageState(),
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  // linkifyjs loads after the editor is editable (lib/editor/lazy-linkify.ts): hold its chunk
  // (known by a piece of its list of top-level domains) until the paste has been made.
  let release: () => void = () => undefined;
  const held = new Promise<void>((requested) => {
    void page.route('**/_next/static/chunks/**', async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      if (!body.includes('aaa1rp3')) return route.fulfill({ response, body });
      await new Promise<void>((resolve) => {
        release = resolve;
        requested();
      });
      await route.fulfill({ response, body });
    });
  });
  await page.goto(s.path);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced', { timeout: 30_000 });
  const editor = page.getByTestId('notes-editor');
  await expect(editor).toHaveAttribute('contenteditable', 'true');
  await editor.click();
  await held;

  await page.keyboard.type('notes: ');
  await paste(page, { text: 'see https://example.org/runbook for more' });
  await expect(editor).not.toContainText('runbook'); // the paste waits for linkifyjs
  release();
  await expect(editor.locator('a[href="https://example.org/runbook"]')).toHaveText('https://example.org/runbook');
  await expect(editor).toContainText('notes: see https://example.org/runbook for more');
});

test('a paste or copy right after the selection moved acts on the new selection', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const page = await openNotes(s.organiser.context, s.path);
  const editor = page.getByTestId('notes-editor');
  await editor.click();
  await page.keyboard.type('read the guide today');
  await expect(editor).toHaveAttribute('data-clipboard-markdown', 'ready');
  // The page's selection moves and the paste follows in the same task: ProseMirror has not had
  // the selectionchange event yet (on a busy machine it comes after a quick Ctrl+V).
  const copied = await page.evaluate(() => {
    const el = document.querySelector('[data-testid=notes-editor]')!;
    const select = (text: string) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(text);
        if (at >= 0) return document.getSelection()!.setBaseAndExtent(node, at, node, at + text.length);
      }
      throw new Error(`no "${text}" in the editor`);
    };
    select('the guide');
    const pasted = new DataTransfer();
    pasted.setData('text/plain', 'https://example.org/guide');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
    // Then a copy of a new selection in the same task: the clipboard gets what is selected now.
    select('read');
    const clipboard = new DataTransfer();
    el.dispatchEvent(new ClipboardEvent('copy', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    return clipboard.getData('text/plain');
  });
  await expect(editor.locator('a[href="https://example.org/guide"]')).toHaveText('the guide');
  await expect(editor).toContainText('read the guide today');
  expect(copied).toBe('read');
});
