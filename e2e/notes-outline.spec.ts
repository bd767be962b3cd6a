import { expect, test } from './fixtures/test';
import { caretAtEnd, docOutline, openNotes, setUpNotes } from './fixtures/notes';

test('outline keys: Enter, Tab, Shift-Tab, Alt+arrows, fold by key and by bullet, Backspace', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const page = await openNotes(s.organiser.context, s.path);
  const editor = page.getByTestId('notes-editor');
  await editor.click();
  for (const [i, t] of ['a', 'b', 'c', 'd'].entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(t);
  }
  await expect.poll(() => docOutline(page)).toEqual([['a', 'b', 'c', 'd']]);

  // Tab nests under the previous sibling; twice for two items.
  await caretAtEnd(page, 'c');
  await page.keyboard.press('Tab');
  await caretAtEnd(page, 'd');
  await page.keyboard.press('Tab');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b', ['c', 'd']]]]);
  await page.keyboard.press('Tab');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b', [['c', ['d']]]]]]);
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b', ['c', 'd']]]]);

  // Alt+↑ moves b with its children above a; Alt+↓ moves it back.
  await caretAtEnd(page, 'b');
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => docOutline(page)).toEqual([[['b', ['c', 'd']], 'a']]);
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b', ['c', 'd']]]]);
  // The caret moved with the item: typing goes into b.
  await page.keyboard.type('!');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b!', ['c', 'd']]]]);

  // Mod+. folds b (its children hide, the document is unchanged); again unfolds.
  const b = editor.locator('li', { has: page.locator('p', { hasText: /^b!$/ }) }).first();
  await page.keyboard.press('ControlOrMeta+.');
  await expect(b).toHaveClass(/is-folded/);
  await expect(editor.locator('p', { hasText: /^c$/ })).toBeHidden();
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b!', ['c', 'd']]]]);
  await page.keyboard.press('ControlOrMeta+.');
  await expect(b).not.toHaveClass(/is-folded/);
  await expect(editor.locator('p', { hasText: /^c$/ })).toBeVisible();

  // A click on the bullet folds too, and the fold is this person's only: it survives a reload.
  await b.click({ position: { x: 8, y: 12 } });
  await expect(b).toHaveClass(/is-folded/);
  await page.reload();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');
  await expect(editor.locator('li.is-folded')).toHaveCount(1);
  await editor
    .locator('li.is-folded')
    .first()
    .click({ position: { x: 8, y: 12 } });
  await expect(editor.locator('li.is-folded')).toHaveCount(0);

  // Enter at the end of d makes a sibling; Backspace in the empty item outdents, then joins.
  await caretAtEnd(page, 'd');
  await page.keyboard.press('Enter');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b!', ['c', 'd', '']]]]);
  await page.keyboard.press('Backspace');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b!', ['c', 'd']], '']]);
  await page.keyboard.press('Backspace');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b!', ['c', 'd']]]]);
  await page.keyboard.type('?');
  await expect.poll(() => docOutline(page)).toEqual([['a', ['b!', ['c', 'd?']]]]);

  // Markdown shortcuts: a heading and a task list.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter'); // leave the list
  await page.keyboard.type('## Follow-ups');
  await page.keyboard.press('Enter');
  await page.keyboard.type('[ ] share the template');
  const json = JSON.stringify(await page.evaluate(() => window.__hallwayEditor!.getJSON()));
  expect(json).toContain('"type":"heading"');
  expect(json).toContain('"type":"taskItem"');
});
