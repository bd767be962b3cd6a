import { expect, test } from './fixtures/test';
import { caretAtEnd, docText, openNotes, setUpNotes } from './fixtures/notes';

test('offline: typing continues, survives a reload, and merges with what others wrote meanwhile', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  const a = await openNotes(s.organiser.context, s.path);
  const b = await openNotes(s.attendee.context, s.path);
  const editorA = a.getByTestId('notes-editor');
  const editorB = b.getByTestId('notes-editor');

  await editorA.click();
  await a.keyboard.type('shared start');
  await expect(editorB).toContainText('shared start');
  // The page and its files are kept by the service worker.
  await expect(a.getByTestId('offline-ready')).toHaveAttribute('data-ready', 'true');

  await s.organiser.context.setOffline(true);
  await expect(a.getByTestId('connection-status')).toHaveAttribute('data-phase', 'offline');
  await a.keyboard.press('End');
  await a.keyboard.press('Enter');
  await a.keyboard.type('offline one');
  await expect(a.getByTestId('connection-status')).toContainText('edits kept on this device');

  // Meanwhile B keeps writing online.
  await editorB.click();
  await b.keyboard.press('ControlOrMeta+End');
  await b.keyboard.press('Enter');
  await b.keyboard.type('online from B');

  // Reload while offline: the page opens from the service worker's cache, the notes from IndexedDB.
  await a.reload();
  await expect(a.getByTestId('connection-status')).toHaveAttribute('data-phase', 'offline');
  await expect(editorA).toContainText('offline one');
  await expect(editorA).toHaveAttribute('contenteditable', 'true');
  await caretAtEnd(a, 'offline one');
  await a.keyboard.press('Enter');
  await a.keyboard.type('offline two');

  await b.keyboard.press('Enter');
  await b.keyboard.type('still online');

  // Back online: everything merges, nothing lost, both identical.
  await s.organiser.context.setOffline(false);
  await expect(a.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced', { timeout: 20_000 });
  await expect.poll(async () => (await docText(a)) === (await docText(b)), { timeout: 15_000 }).toBe(true);
  for (const part of ['shared start', 'offline one', 'offline two', 'online from B', 'still online']) {
    await expect(editorA).toContainText(part);
    await expect(editorB).toContainText(part);
  }
});

test('an offline reload after only reading does not claim edits kept on this device', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const a = await openNotes(s.organiser.context, s.path);
  await a.getByTestId('notes-editor').click();
  await a.keyboard.type('written online');
  await expect(a.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');

  const b = await openNotes(s.attendee.context, s.path);
  await expect(b.getByTestId('notes-editor')).toContainText('written online');
  await expect(b.getByTestId('offline-ready')).toHaveAttribute('data-ready', 'true');
  await s.attendee.context.setOffline(true);
  await expect(b.getByTestId('connection-status')).toHaveAttribute('data-phase', 'offline');
  await b.reload();
  await expect(b.getByTestId('connection-status')).toHaveAttribute('data-phase', 'offline');
  await expect(b.getByTestId('notes-editor')).toContainText('written online');
  await expect(b.getByTestId('notes-editor')).toHaveAttribute('contenteditable', 'true');
  await expect(b.getByTestId('connection-status')).not.toContainText('edits kept');

  // Typing now is an edit kept on this device.
  await b.getByTestId('notes-editor').click();
  await b.keyboard.press('ControlOrMeta+End');
  await b.keyboard.type(' and offline');
  await expect(b.getByTestId('connection-status')).toContainText('edits kept on this device');
});
