import { expect, test } from './fixtures/test';
import { openNotes, setUpNotes } from './fixtures/notes';

test('the event page shows how many people have a session’s notes open', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const organiserNotes = await openNotes(s.organiser.context, s.path);
  const attendeeNotes = await openNotes(s.attendee.context, s.path);
  await expect(organiserNotes.getByText('2 people editing')).toBeVisible();

  const home = await s.organiser.context.newPage();
  await home.goto(`/e/${s.slug}`);
  await expect(home.getByTestId('presence-badge')).toHaveText('2 people editing');
  await home.screenshot({ path: 'test-results/screens/event-home-presence.png', fullPage: true });

  await attendeeNotes.close();
  await expect(async () => {
    await home.reload();
    await expect(home.getByTestId('presence-badge')).toHaveText('1 person editing', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  await organiserNotes.close();
  await expect(async () => {
    await home.reload();
    await expect(home.getByTestId('presence-badge')).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await s.organiser.context.close();
  await s.attendee.context.close();
});
