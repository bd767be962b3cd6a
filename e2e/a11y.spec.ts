import { expect, test } from './fixtures/test';
import { expectNoAxeViolations } from './fixtures/axe';
import { newNotesContext, openNotes, setUpNotes, type NotesSetup } from './fixtures/notes';

// Every page of the app, as the people who see it, through axe (WCAG 2.1 AA).

/** A room with a capacity and a slot, so the board shows its grid. */
async function setUpBoard(s: NotesSetup): Promise<void> {
  const api = s.organiser.context.request;
  const room = await api.post(`/api/events/${s.slug}/rooms`, { data: { name: 'Main hall', capacity: 80 } });
  expect(room.status(), await room.text()).toBe(201);
  const slot = await api.post(`/api/events/${s.slug}/slots`, {
    data: { startsAt: '2026-06-11T09:00:00.000Z', endsAt: '2026-06-11T10:00:00.000Z' },
  });
  expect(slot.status(), await slot.text()).toBe(201);
}

test('pages for visitors pass axe', async ({ browser }) => {
  const s = await setUpNotes(browser);
  await setUpBoard(s);
  const visitor = await newNotesContext(browser);
  const page = await visitor.newPage();
  for (const path of ['/', '/signin', '/signup', `/e/${s.slug}`, `/e/${s.slug}/board`, '/no-such-page']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.goto(`/e/${s.slug}/board`);
  await expect(page.getByRole('columnheader', { name: /Main hall/ })).toBeVisible();
  const reader = await openNotes(visitor, s.path, { editable: false });
  await expectNoAxeViolations(reader);

  const inv = await s.organiser.context.request.post(`/api/events/${s.slug}/invites`, { data: { role: 'ATTENDEE' } });
  const { token } = (await inv.json()) as { token: string };
  await page.goto(`/join/${token}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Join');
  await expectNoAxeViolations(page);
});

test('pages for organisers pass axe', async ({ browser }) => {
  const s = await setUpNotes(browser);
  await setUpBoard(s);
  const page = await s.organiser.context.newPage();
  for (const path of ['/events', '/events/new', '/account']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await expectNoAxeViolations(page);
  }
  await page.goto(`/e/${s.slug}`);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  await expect(page.getByTestId('invite-qr').first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('event pages for organisers pass axe', async ({ browser }) => {
  const s = await setUpNotes(browser);
  await setUpBoard(s);
  const page = await s.organiser.context.newPage();
  for (const name of ['settings', 'board', 'schedule', 'agenda', 'export', 'wall']) {
    await page.goto(`/e/${s.slug}/${name}`);
    await expect(page.locator('main')).toBeVisible();
    await expectNoAxeViolations(page);
  }
});

test('the notes page for organisers passes axe: editing, history, export section', async ({ browser }) => {
  const s = await setUpNotes(browser);

  const notes = await openNotes(s.organiser.context, s.path);
  await notes.getByTestId('notes-editor').click();
  await notes.keyboard.type('a point');
  await expectNoAxeViolations(notes);
  // The export, import and publish section loads its panels when opened.
  await notes.getByText('Export, import and publish').click();
  await expect(notes.getByRole('button', { name: 'Paste Markdown' })).toBeVisible();
  await expectNoAxeViolations(notes);
  await notes.getByRole('button', { name: 'History' }).click();
  await expect(notes.getByTestId('history-panel')).toBeVisible();
  await expectNoAxeViolations(notes);
});
