import { expect, test } from './fixtures/test';
import { docText, openNotes, setUpNotes } from './fixtures/notes';

test('a named version is restored as a new change, and the restore is undone', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const host = await openNotes(s.organiser.context, s.path);
  const other = await openNotes(s.attendee.context, s.path);
  const editor = host.getByTestId('notes-editor');

  await editor.click();
  await host.keyboard.type('first draft point');
  await expect(host.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');

  // Save a named version from the history panel.
  await host.getByRole('button', { name: 'History' }).click();
  const panel = host.getByTestId('history-panel');
  await panel.getByLabel('Version name').fill('After the intro');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByTestId('version-row').first()).toContainText('After the intro');
  await expect(panel.getByTestId('version-row').first()).toContainText(s.organiser.user.name);
  await host.keyboard.press('Escape');

  // Later edits, by both people.
  await editor.click();
  await host.keyboard.press('ControlOrMeta+End');
  await host.keyboard.press('Enter');
  await host.keyboard.type('later point');
  await expect(other.getByTestId('notes-editor')).toContainText('later point');
  const before = await docText(host);

  // Preview and restore.
  await host.getByRole('button', { name: 'History' }).click();
  await panel.getByTestId('version-row').filter({ hasText: 'After the intro' }).click();
  await expect(panel.getByTestId('version-preview')).toContainText('first draft point');
  await expect(panel.getByTestId('version-preview')).not.toContainText('later point');
  await host.screenshot({ path: 'test-results/screens/notes-history-preview.png' });
  await panel.getByRole('button', { name: 'Restore this version' }).click();
  await expect(panel.getByTestId('history-message')).toContainText('Restored');
  await expect(editor).not.toContainText('later point');
  await expect(other.getByTestId('notes-editor')).not.toContainText('later point');
  // The state before the restore was kept as a version too.
  await expect(panel.getByTestId('version-row').first()).toContainText('Before restoring');

  // Undo the restore: the later text is back, for everyone.
  await panel.getByRole('button', { name: 'Undo restore' }).click();
  await expect(editor).toContainText('later point');
  await expect(other.getByTestId('notes-editor')).toContainText('later point');
  await expect.poll(() => docText(host)).toBe(before);
  await expect.poll(async () => (await docText(host)) === (await docText(other))).toBe(true);

  // An attendee who is not a host cannot preview or restore through the API.
  const list = (await (await s.attendee.context.request.get(`/api/sessions/${s.sessionId}/versions`)).json()) as {
    versions: { id: string }[];
  };
  const preview = await s.attendee.context.request.get(`/api/sessions/${s.sessionId}/versions/${list.versions[0]!.id}`);
  expect(preview.status()).toBe(403);
});
