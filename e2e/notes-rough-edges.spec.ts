import fs from 'node:fs';
import { expect, test } from './fixtures/test';
import { newNotesContext, openNotes, setUpNotes } from './fixtures/notes';

fs.mkdirSync('test-results/screens', { recursive: true });

test('a keyboard user gets past the editor: skip link, Esc then Tab, focus back on History', async ({ browser }) => {
  // A private event's page has a control after the editor (the offline choice) to land on.
  const s = await setUpNotes(browser, { visibility: 'PRIVATE' });
  const page = await openNotes(s.organiser.context, s.path);

  // The first Tab reaches the skip link, which leads to the main content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/skip-link.png' });

  const editor = page.getByTestId('notes-editor');
  await editor.click();
  await page.keyboard.type('first point');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab'); // indents: Tab stays in the editor
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('key-hints')).toBeFocused();
  await expect(page.getByTestId('key-hints')).toContainText('Esc then Tab leave the notes');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('keep-offline')).toBeFocused();
  await expect(editor).toContainText('first point'); // and the Tab did not indent anything
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(editor).toBeFocused();

  // The history drawer gives focus back to the button that opened it.
  const history = page.getByRole('button', { name: 'History' });
  await history.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('history-panel')).toBeVisible();
  await expect(page.getByTestId('history-panel')).not.toContainText('Loading…');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('history-panel')).toBeHidden();
  await expect(history).toBeFocused();
});

test('history times name their time zone', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const page = await openNotes(s.organiser.context, s.path);
  await page.getByTestId('notes-editor').click();
  await page.keyboard.type('something to keep');
  await page.getByRole('button', { name: 'History' }).click();
  const panel = page.getByTestId('history-panel');
  await panel.getByLabel('Version name').fill('Kept');
  await panel.getByRole('button', { name: 'Save' }).click();
  // The browser runs in UTC here.
  await expect(panel.getByTestId('version-row').first()).toContainText(/\d\d:\d\d( [AP]M)? (UTC|GMT)/);
});

test('an anonymous reader sees no stray avatar and "Read-only" once', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const anon = await newNotesContext(browser);
  const page = await openNotes(anon, s.path, { editable: false });
  await expect(page.getByTestId('editing-count')).toHaveText('0 people editing');
  await expect(page.getByTestId('presence-avatar')).toHaveCount(0);
  await expect(page.getByText('Read-only', { exact: true })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screens/notes-anonymous-reader.png' });
});

test('on a phone the whole toolbar can be reached and a remote caret label leaves the text readable', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  const a = await openNotes(s.organiser.context, s.path);
  const b = await openNotes(s.attendee.context, s.path);
  await b.setViewportSize({ width: 360, height: 740 });
  await a.getByTestId('notes-editor').click();
  await a.keyboard.type('the first line of the notes');
  await a.keyboard.press('Enter');
  await a.keyboard.type('second line');
  await expect(b.getByTestId('notes-editor')).toContainText('second line');
  const label = b.locator('.collaboration-carets__label', { hasText: s.organiser.user.name });
  await expect(label).toBeVisible();

  // Every tool is on screen: the toolbar wraps instead of hiding its last buttons.
  await b.screenshot({ path: 'test-results/screens/notes-phone.png' });
  for (const name of ['Heading', 'Redo']) {
    const box = (await b.getByRole('button', { name }).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360);
  }

  // The name label fades once it has said whose caret it is, uncovering the line above.
  await expect.poll(() => label.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
  await b.screenshot({ path: 'test-results/screens/notes-phone-label-faded.png' });
});
