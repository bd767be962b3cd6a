import fs from 'node:fs';
import { expect, test } from './fixtures/test';
import type { JSONContent } from '@tiptap/core';
import { caretAtEnd, docJSON, docText, openNotes, setUpNotes } from './fixtures/notes';

/** The text of each line (paragraph) of the document, in order. */
function textLines(doc: JSONContent): string[] {
  const out: string[] = [];
  const walk = (n: JSONContent) => {
    if (n.type === 'paragraph') out.push((n.content ?? []).map((t) => t.text ?? '').join(''));
    else (n.content ?? []).forEach(walk);
  };
  walk(doc);
  return out;
}

test('two people type into the same outline at once and end with identical notes, seeing each other', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  const a = await openNotes(s.organiser.context, s.path);
  const b = await openNotes(s.attendee.context, s.path);

  // Both are listed as here and editing.
  await expect(a.getByTestId('editing-count')).toHaveText('2 people editing');
  await expect(b.getByTestId('editing-count')).toHaveText('2 people editing');

  // A starts the list; B sees it.
  await a.getByTestId('notes-editor').click();
  await a.keyboard.type('why do reviews go unread?');
  await a.keyboard.press('Enter');
  await a.keyboard.type('formats people liked');
  await expect(b.getByTestId('notes-editor')).toContainText('formats people liked');

  // Different items at the same time.
  await caretAtEnd(a, 'why do reviews go unread?');
  await caretAtEnd(b, 'formats people liked');
  await Promise.all([a.keyboard.type(' (too long)', { delay: 15 }), b.keyboard.type(' (one page)', { delay: 15 })]);
  // The same item at the same time, then each adds a child under it.
  await caretAtEnd(a, 'formats people liked (one page)');
  await caretAtEnd(b, 'formats people liked (one page)');
  await Promise.all([
    (async () => {
      await a.keyboard.type(' A-said', { delay: 20 });
      await a.keyboard.press('Enter');
      await a.keyboard.press('Tab');
      await a.keyboard.type('child from A', { delay: 10 });
    })(),
    (async () => {
      await b.keyboard.type(' B-said', { delay: 20 });
    })(),
  ]);

  // Both converge on the same document, with every keystroke of both: typing at the same spot
  // may interleave (A split the item B was typing at the end of), but nothing is lost or doubled.
  await expect.poll(async () => (await docText(a)) === (await docText(b)), { timeout: 15_000 }).toBe(true);
  const lines = textLines(await docJSON(a));
  expect(lines[0]).toBe('why do reviews go unread? (too long)');
  expect(lines[1]!.startsWith('formats people liked (one page)')).toBe(true);
  const all = lines.join('');
  const typed = [
    'why do reviews go unread? (too long)',
    'formats people liked (one page)',
    ' A-said',
    'child from A',
    ' B-said',
  ];
  const sorted = (x: string) => [...x].sort().join('');
  expect(sorted(all)).toBe(sorted(typed.join('')));

  // Each sees the other's caret labelled with their name.
  await expect(a.locator('.collaboration-carets__label', { hasText: s.attendee.user.name })).toBeVisible();
  await expect(b.locator('.collaboration-carets__label', { hasText: s.organiser.user.name })).toBeVisible();
  await expect(a.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');

  fs.mkdirSync('test-results/screens', { recursive: true });
  await a.setViewportSize({ width: 1280, height: 860 });
  await a.screenshot({ path: 'test-results/screens/notes-two-people.png' });
  await b.setViewportSize({ width: 390, height: 844 });
  await b.screenshot({ path: 'test-results/screens/notes-two-people-phone.png' });
});
