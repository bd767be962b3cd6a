import { expect, test } from './fixtures/test';
import { newNotesContext, openNotes, setUpNotes } from './fixtures/notes';
import { openStoredNotesAfterServer } from './fixtures/slow-storage';
import { newUser, signUpViaApi } from './fixtures/users';

test('readers see live notes but cannot type, and their token is read-only', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const writer = await openNotes(s.organiser.context, s.path);
  await writer.getByTestId('notes-editor').click();
  await writer.keyboard.type('written by a member');

  // An anonymous visitor of the public event.
  const anon = await newNotesContext(browser);
  const token = await anon.request.post(`/api/sessions/${s.sessionId}/collab-token`);
  expect(token.status()).toBe(200);
  expect(((await token.json()) as { readOnly: boolean }).readOnly).toBe(true);

  const reader = await openNotes(anon, s.path, { editable: false });
  await expect(reader.getByTestId('readonly-notice')).toBeVisible();
  await expect(reader.getByTestId('readonly-badge')).toBeVisible();
  await expect(reader.getByTestId('notes-editor')).toContainText('written by a member');

  // Typing does nothing.
  await reader.getByTestId('notes-editor').click();
  await reader.keyboard.type('reader tries to type');
  await expect(reader.getByTestId('notes-editor')).not.toContainText('reader tries to type');

  // Live updates still arrive.
  await writer.keyboard.type(' and more');
  await expect(reader.getByTestId('notes-editor')).toContainText('written by a member and more');
  await reader.screenshot({ path: 'test-results/screens/notes-reader.png' });

  // Even forcing the editor open, the server drops the reader's changes.
  await reader.evaluate(() => {
    const ed = window.__hallwayEditor!;
    ed.setEditable(true);
    ed.commands.insertContentAt(ed.state.doc.content.size - 2, ' FORGED');
  });
  await expect(reader.getByTestId('notes-editor')).toContainText('FORGED');
  await writer.keyboard.type(' end');
  await expect(reader.getByTestId('notes-editor')).toContainText(' end');
  await expect(writer.getByTestId('notes-editor')).not.toContainText('FORGED');

  // A signed-in person who is not a member is a reader too.
  const outsider = await newNotesContext(browser);
  await signUpViaApi(outsider, newUser('outsider'));
  const t2 = await outsider.request.post(`/api/sessions/${s.sessionId}/collab-token`);
  expect(((await t2.json()) as { readOnly: boolean }).readOnly).toBe(true);
  const page = await openNotes(outsider, s.path, { editable: false });
  await expect(page.getByTestId('readonly-notice')).toContainText('Only members');
  // Readers may not create versions.
  const v = await outsider.request.post(`/api/sessions/${s.sessionId}/versions`, {
    data: { kind: 'MANUAL', name: 'nope' },
  });
  expect(v.status()).toBe(403);
});

test('a reader whose stored copy opens after the server answered is live, not "Saving…"', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const writer = await openNotes(s.organiser.context, s.path);
  await writer.getByTestId('notes-editor').click();
  await writer.keyboard.type('kept by the server');
  await expect(writer.getByTestId('connection-status')).toHaveAttribute('data-phase', 'synced');

  const outsider = await newNotesContext(browser);
  await signUpViaApi(outsider, newUser('outsider'));
  await openStoredNotesAfterServer(outsider);
  const page = await openNotes(outsider, s.path, { editable: false });
  await expect(page.getByTestId('notes-editor')).toContainText('kept by the server');
  await expect(page.getByTestId('connection-status')).toContainText('Live');
  await expect(page.getByTestId('connection-status')).not.toContainText('Saving');

  // A member in the same situation has nothing unsaved either.
  await openStoredNotesAfterServer(s.attendee.context);
  const member = await openNotes(s.attendee.context, s.path);
  await expect(member.getByTestId('connection-status')).toContainText('Saved');
});
