import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures/test';
import { boardCell, dragHandle, dragTo, joinEvent, waitLive } from './fixtures/board';
import { createEventViaApi, newUser, signUpViaApi } from './fixtures/users';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

async function propose(page: Page, title: string, pitch = '') {
  const form = page.locator('details');
  if ((await form.getAttribute('open')) === null) await page.getByText('Propose a session').click();
  await form.getByLabel('Session title').fill(title);
  if (pitch) await form.getByLabel('Pitch (optional)').fill(pitch);
  await form.getByRole('button', { name: 'Propose session' }).click();
  await expect(page.getByTestId('parking-lot').getByRole('link', { name: title })).toBeVisible();
}

test('organiser sets up rooms and slots, attendees propose and vote, organisers schedule live', async ({ browser }) => {
  // Five people in their own browsers on a shared two-core machine: a long story, not a slow one.
  test.setTimeout(240_000);
  const orgContext = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await signUpViaApi(orgContext, newUser('org'));
  const event = await createEventViaApi(orgContext.request, {
    title: 'Harbour Unconf 2026',
    timezone: 'Europe/London',
  });
  const org = await orgContext.newPage();

  // Rooms and slots, through the settings page.
  await org.goto(`/e/${event.slug}/settings`);
  for (const [name, seats] of [
    ['Aft', '30'],
    ['Bow', '60'],
  ] as const) {
    await org.getByLabel('Room name').fill(name);
    await org.getByLabel('Seats', { exact: true }).fill(seats);
    await org.getByRole('button', { name: 'Add room' }).click();
    await expect(org.getByLabel(`Name of ${name}`)).toBeVisible();
  }
  const day = org.getByRole('region', { name: 'Thu 11 Jun' });
  for (const [start, end] of [
    ['09:00', '09:45'],
    ['10:00', '10:45'],
    ['11:00', '11:45'],
  ]) {
    await day.getByLabel('New slot on Thu 11 Jun start').fill(start!);
    await day.getByLabel('New slot on Thu 11 Jun end').fill(end!);
    await day.getByRole('button', { name: 'Add slot' }).click();
    await expect(day.getByTestId('slot-row').filter({ has: org.locator(`input[value="${start}"]`) })).toHaveCount(1);
  }
  // A slot overlapping another is refused with the reason.
  await day.getByLabel('New slot on Thu 11 Jun start').fill('09:30');
  await day.getByLabel('New slot on Thu 11 Jun end').fill('10:15');
  await day.getByRole('button', { name: 'Add slot' }).click();
  await expect(day.getByRole('alert')).toContainText('Overlaps the 09:00–09:45 slot');
  await expect(day.getByTestId('slot-row')).toHaveCount(3);
  await shot(org, 'board-settings-desktop');
  const setupAxe = await new AxeBuilder({ page: org })
    .include('section[aria-labelledby="schedule-setup-title"]')
    .analyze();
  expect(setupAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // Two attendees, each in their own browser context, propose and vote.
  const ann = await joinEvent(browser, orgContext, event.slug, 'ATTENDEE', 'ann');
  const bob = await joinEvent(browser, orgContext, event.slug, 'ATTENDEE', 'bob');
  await ann.page.goto(`/e/${event.slug}/board`);
  await waitLive(ann.page);
  await propose(
    ann.page,
    'Feature flags without the mess',
    'Rollouts, **kill switches** and cleaning up.\n\n- flags as code\n- expiry dates',
  );
  await bob.page.goto(`/e/${event.slug}/board`);
  await waitLive(bob.page);
  await bob.page.getByText('Propose a session').click();
  await bob.page.locator('details').getByLabel('Session title').fill('Feature flag cleanup');
  await expect(bob.page.getByTestId('duplicate-hint')).toContainText('Feature flags without the mess');
  await bob.page.locator('details').getByLabel('Session title').fill('');
  await propose(bob.page, 'Incident reviews people read');
  await propose(bob.page, 'Kubernetes at home');

  await ann.page.getByRole('button', { name: 'Vote for “Feature flags without the mess”' }).click();
  await ann.page.getByRole('button', { name: 'Vote for “Incident reviews people read”' }).click();
  await expect(ann.page.getByTestId('vote-budget')).toContainText('1 of 3 votes left');
  await bob.page.getByRole('button', { name: 'Vote for “Feature flags without the mess”' }).click();
  await expect(bob.page.getByTestId('vote-budget')).toContainText('2 of 3 votes left');

  // A second organiser watches the board, an attendee the public schedule.
  const org2 = await joinEvent(browser, orgContext, event.slug, 'ORGANISER', 'org2', { width: 1400, height: 1000 });
  await org2.page.goto(`/e/${event.slug}/board`);
  await waitLive(org2.page);
  await ann.page.goto(`/e/${event.slug}/schedule`);
  await waitLive(ann.page);

  await org.goto(`/e/${event.slug}/board`);
  await waitLive(org);
  const lot = org.getByTestId('parking-lot');
  // Sorted by votes: two, one, none.
  await expect(lot.getByTestId('session-card').first()).toHaveAttribute('aria-label', 'Feature flags without the mess');
  await expect(lot.getByTestId('session-card').nth(1)).toHaveAttribute('aria-label', 'Incident reviews people read');
  await expect(lot.getByTestId('session-pitch').or(lot.locator('.pitch')).first()).toContainText('kill switches');

  // Mouse drag into a cell; the other organiser's board and the attendee's schedule follow without reload.
  await dragTo(org, dragHandle(org, 'Feature flags without the mess'), boardCell(org, 'Aft', '09:00'));
  await expect(boardCell(org, 'Aft', '09:00')).toContainText('Feature flags without the mess');
  await expect(boardCell(org2.page, 'Aft', '09:00')).toContainText('Feature flags without the mess');
  await expect(ann.page.getByTestId('schedule-grid')).toContainText('Feature flags without the mess');

  // Keyboard: pick up with space, arrows move between cells, space drops.
  const handle = dragHandle(org, 'Incident reviews people read');
  const announced = org.locator('[id^="DndLiveRegion"]');
  await handle.focus();
  await org.keyboard.press('Space');
  await expect(announced).toContainText(/(Picked up|is over the parking lot)/);
  // dnd-kit starts listening for arrow keys a tick after the pick-up; until the screen reader
  // hears the card is over a cell, the key may have gone unheard, so it is pressed again.
  await expect(async () => {
    await org.keyboard.press('ArrowLeft');
    await expect(announced).toContainText(/is over (Aft|Bow) at/, { timeout: 500 });
  }).toPass();
  await org.keyboard.press('Space');
  await expect(lot.getByRole('link', { name: 'Incident reviews people read' })).toHaveCount(0);
  await expect(org.getByTestId('board-grid')).toContainText('Incident reviews people read');
  // …and the "Move to…" menu, by keyboard only.
  await org.getByRole('button', { name: 'Move “Incident reviews people read” to…' }).focus();
  await org.keyboard.press('Enter');
  const item = org.getByRole('menuitem', { name: '10:00 · Bow' });
  await item.focus();
  await org.keyboard.press('Enter');
  await expect(boardCell(org, 'Bow', '10:00')).toContainText('Incident reviews people read');
  await expect(boardCell(org2.page, 'Bow', '10:00')).toContainText('Incident reviews people read');
  await expect(ann.page.getByTestId('schedule-grid').getByRole('row').filter({ hasText: '10:00' })).toContainText(
    'Incident reviews people read',
  );

  // A proposal dropped on a taken cell is refused, and the organiser sees why.
  await dragTo(org, dragHandle(org, 'Kubernetes at home'), boardCell(org, 'Aft', '09:00'));
  await expect(org.getByTestId('board-notice')).toContainText(
    '“Kubernetes at home” was not moved: “Feature flags without the mess” already holds Aft at 09:00',
  );
  await expect(boardCell(org, 'Aft', '09:00')).toContainText('Feature flags without the mess');
  await expect(lot.getByRole('link', { name: 'Kubernetes at home' })).toBeVisible();

  // The second organiser drags a scheduled session back to the parking lot; everyone sees it.
  await dragTo(org2.page, dragHandle(org2.page, 'Incident reviews people read'), org2.page.getByTestId('parking-lot'));
  await expect(lot.getByRole('link', { name: 'Incident reviews people read' })).toBeVisible();
  await expect(ann.page.getByTestId('schedule-grid')).not.toContainText('Incident reviews people read');

  // Each scheduled cell links to its notes.
  await expect(boardCell(org, 'Aft', '09:00').getByRole('link', { name: 'Notes' })).toHaveAttribute(
    'href',
    /\/e\/.+\/s\/.+/,
  );
  await shot(org, 'board-desktop');
  const axe = await new AxeBuilder({ page: org }).include('#main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual(
    [],
  );

  for (const c of [orgContext, ann.context, bob.context, org2.context]) await c.close();
});

test('barcamp mode: attendees place their own sessions in free cells, never over someone else’s', async ({
  browser,
}) => {
  const orgContext = await browser.newContext();
  await signUpViaApi(orgContext, newUser('org'));
  const event = await createEventViaApi(orgContext.request, { timezone: 'UTC', settings: { barcampMode: true } });
  for (const name of ['Aft', 'Bow'])
    expect(
      (await orgContext.request.post(`/api/events/${event.slug}/rooms`, { data: { name, capacity: 20 } })).status(),
    ).toBe(201);
  const slot = await orgContext.request.post(`/api/events/${event.slug}/slots`, {
    data: { day: '2026-06-11', start: '09:00', end: '09:45' },
  });
  expect(slot.status(), await slot.text()).toBe(201);
  const held = await orgContext.request.post(`/api/events/${event.slug}/sessions`, {
    data: { title: 'Opening circle' },
  });
  const heldId = ((await held.json()) as { id: string }).id;
  const rooms = (
    (await (await orgContext.request.get(`/api/events/${event.slug}/rooms`)).json()) as {
      rooms: { id: string; name: string }[];
    }
  ).rooms;
  const slotId = ((await slot.json()) as { id: string }).id;
  expect(
    (await orgContext.request.patch(`/api/sessions/${heldId}`, { data: { roomId: rooms[0]!.id, slotId } })).status(),
  ).toBe(200);

  const ann = await joinEvent(browser, orgContext, event.slug, 'ATTENDEE', 'ann', { width: 1280, height: 900 });
  await ann.page.goto(`/e/${event.slug}/board`);
  await waitLive(ann.page);
  await propose(ann.page, 'Pairing on legacy code');
  // Someone else's session has no handle for her.
  await expect(dragHandle(ann.page, 'Opening circle')).toHaveCount(0);
  await dragTo(ann.page, dragHandle(ann.page, 'Pairing on legacy code'), boardCell(ann.page, 'Aft', '09:00'));
  await expect(ann.page.getByTestId('board-notice')).toContainText('already holds Aft at 09:00');
  await dragTo(ann.page, dragHandle(ann.page, 'Pairing on legacy code'), boardCell(ann.page, 'Bow', '09:00'));
  await expect(boardCell(ann.page, 'Bow', '09:00')).toContainText('Pairing on legacy code');

  // Once the organisers lock the board, her board says so and the handle is gone.
  expect(
    (
      await orgContext.request.patch(`/api/events/${event.slug}`, { data: { settings: { boardLocked: true } } })
    ).status(),
  ).toBe(200);
  await expect(ann.page.getByText('Board locked by the organisers')).toBeVisible();
  await expect(dragHandle(ann.page, 'Pairing on legacy code')).toHaveCount(0);
  await orgContext.close();
  await ann.context.close();
});

test('schedule, projector and agenda: now and next for a clock inside a slot, stars and a calendar feed', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const orgContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await signUpViaApi(orgContext, newUser('org'));
  const event = await createEventViaApi(orgContext.request, {
    title: 'Harbour Unconf 2026',
    timezone: 'Europe/London',
  });
  const api = orgContext.request;
  const room = async (name: string, capacity: number) =>
    ((await (await api.post(`/api/events/${event.slug}/rooms`, { data: { name, capacity } })).json()) as { id: string })
      .id;
  const slot = async (start: string, end: string, extra: Record<string, string> = {}) => {
    const r = await api.post(`/api/events/${event.slug}/slots`, { data: { day: '2026-06-11', start, end, ...extra } });
    expect(r.status(), await r.text()).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  const [aft, bow] = [await room('Aft', 30), await room('Bow', 60)];
  const [s9, s10] = [await slot('09:00', '09:45'), await slot('10:00', '10:45')];
  await slot('12:00', '13:00', { kind: 'BREAK', label: 'Lunch' });
  const place = async (title: string, roomId: string, slotId: string, description = '') => {
    const s = (await (
      await api.post(`/api/events/${event.slug}/sessions`, { data: { title, description } })
    ).json()) as { id: string };
    expect((await api.patch(`/api/sessions/${s.id}`, { data: { roomId, slotId } })).status()).toBe(200);
    return s.id;
  };
  const flags = await place('Feature flags without the mess', aft, s9, 'Rollouts and **kill switches**.');
  await place('Incident reviews people read', bow, s9);
  await place('Kubernetes at home', aft, s10);

  // 09:15 in London, inside the first slot.
  const inside = new Date('2026-06-11T08:15:00Z');
  const wall = await orgContext.newPage();
  await wall.clock.setFixedTime(inside);
  await wall.setViewportSize({ width: 1600, height: 900 });
  await wall.goto(`/e/${event.slug}/wall`);
  await expect(wall.getByTestId('wall-clock')).toHaveText('09:15');
  const aftCard = wall.getByRole('listitem', { name: 'Aft' });
  await expect(aftCard.getByTestId('wall-now')).toContainText('Feature flags without the mess');
  await expect(aftCard.getByTestId('wall-now')).toContainText('until 09:45');
  await expect(aftCard.getByTestId('wall-next')).toContainText('Kubernetes at home');
  await expect(aftCard.getByTestId('wall-next')).toContainText('at 10:00');
  await expect(wall.getByRole('listitem', { name: 'Bow' }).getByTestId('wall-now')).toContainText(
    'Incident reviews people read',
  );
  await expect(aftCard.getByTestId('qr-code')).toHaveAttribute('data-url', new RegExp(`/e/${event.slug}/s/${flags}$`));
  await expect(aftCard.getByTestId('qr-code').locator('svg')).toBeVisible();
  await expect(wall.getByRole('img', { name: 'QR code: join the event' }).locator('svg')).toBeVisible();
  // It updates by itself.
  await api.patch(`/api/sessions/${flags}`, { data: { title: 'Feature flags, cleaned up' } });
  await expect(aftCard.getByTestId('wall-now')).toContainText('Feature flags, cleaned up');
  await shot(wall, 'projector');
  const wallAxe = await new AxeBuilder({ page: wall }).analyze();
  expect(wallAxe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  // The attendee's schedule marks now and next, and she stars a session for her agenda.
  const ann = await joinEvent(browser, orgContext, event.slug, 'ATTENDEE', 'ann', { width: 1280, height: 900 });
  await ann.page.clock.setFixedTime(inside);
  await ann.page.goto(`/e/${event.slug}/schedule`);
  await expect(ann.page).toHaveTitle(/Schedule · Harbour Unconf 2026/);
  await expect(ann.page.getByTestId('schedule-grid').locator('tr[data-mark="now"]')).toContainText('09:00–09:45');
  await expect(ann.page.getByTestId('schedule-grid').locator('tr[data-mark="next"]')).toContainText('10:00–10:45');
  await ann.page.getByRole('button', { name: 'Add “Kubernetes at home” to my agenda' }).click();
  await expect(ann.page.getByRole('button', { name: 'Remove “Kubernetes at home” from my agenda' })).toBeVisible();
  await shot(ann.page, 'schedule-desktop');
  const axe = await new AxeBuilder({ page: ann.page }).include('#main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);

  await ann.page.goto(`/e/${event.slug}/agenda`);
  await expect(ann.page.getByTestId('agenda-list')).toContainText('Kubernetes at home');
  await expect(ann.page.getByTestId('agenda-list')).not.toContainText('Incident reviews');
  await ann.page.getByRole('button', { name: 'Get my calendar link' }).click();
  const feedUrl = await ann.page.getByTestId('agenda-feed-url').inputValue();
  await shot(ann.page, 'agenda');
  // A calendar app fetches the feed without cookies.
  const calendar = await browser.newContext();
  const ics = await calendar.request.get(feedUrl.replace(/^https?:\/\/[^/]+/, ''));
  expect(ics.headers()['content-type']).toContain('text/calendar');
  const body = await ics.text();
  expect(body).toContain('SUMMARY:Kubernetes at home');
  expect(body).not.toContain('Incident reviews');

  // Phone widths: the schedule becomes a list, the board scrolls sideways with the lot below.
  await ann.page.setViewportSize({ width: 390, height: 844 });
  await ann.page.goto(`/e/${event.slug}/schedule`);
  await expect(ann.page.getByTestId('schedule-list')).toBeVisible();
  await expect(ann.page.getByTestId('schedule-list').locator('li[data-mark="now"]')).toContainText(
    'Feature flags, cleaned up',
  );
  await shot(ann.page, 'schedule-phone');
  await api.post(`/api/events/${event.slug}/sessions`, {
    data: { title: 'Pairing on legacy code', description: 'Bring your **worst** code.' },
  });
  const phone = await orgContext.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(`/e/${event.slug}/board`);
  await expect(phone.getByTestId('parking-lot')).toContainText('Pairing on legacy code');
  await shot(phone, 'board-phone');
  for (const c of [orgContext, ann.context, calendar]) await c.close();
});

test('proposers edit and withdraw their own proposals; organisers merge duplicates', async ({ browser }) => {
  const orgContext = await browser.newContext();
  await signUpViaApi(orgContext, newUser('org'));
  const event = await createEventViaApi(orgContext.request, { timezone: 'UTC' });
  const ann = await joinEvent(browser, orgContext, event.slug, 'ATTENDEE', 'ann', { width: 1280, height: 900 });
  for (const title of ['Feature flags', 'Flags in production', 'Legacy code']) {
    expect((await ann.context.request.post(`/api/events/${event.slug}/sessions`, { data: { title } })).status()).toBe(
      201,
    );
  }
  await ann.page.goto(`/e/${event.slug}/board`);
  await waitLive(ann.page);
  await ann.page.getByRole('button', { name: 'Edit “Legacy code”' }).click();
  const dialog = ann.page.getByRole('dialog');
  await dialog.getByLabel('Session title').fill('Legacy code, gently');
  await dialog.getByLabel('Pitch (optional)').fill('Bring your **worst** code.');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved.');
  await dialog.getByRole('button', { name: 'Withdraw session' }).click();
  await dialog.getByRole('button', { name: 'Yes, withdraw' }).click();
  await expect(ann.page.getByTestId('parking-lot')).not.toContainText('Legacy code');

  const org = await orgContext.newPage();
  await org.goto(`/e/${event.slug}/board`);
  await waitLive(org);
  await ann.page.getByRole('button', { name: 'Vote for “Flags in production”' }).click();
  await org.getByRole('button', { name: 'Edit “Flags in production”' }).click();
  await org.getByRole('dialog').getByLabel('Merge this duplicate into').selectOption({ label: 'Feature flags' });
  await org.getByRole('dialog').getByRole('button', { name: 'Merge' }).click();
  await expect(org.getByTestId('parking-lot')).not.toContainText('Flags in production');
  // The voter's dot followed the merge, live on her board.
  await expect(
    ann.page.getByTestId('parking-lot').getByRole('article', { name: 'Feature flags' }).getByTestId('vote-total'),
  ).toHaveText('1 vote');
  await expect(ann.page.getByTestId('vote-budget')).toContainText('2 of 3 votes left');
  await orgContext.close();
  await ann.context.close();
});

test('touch: on a phone, press and hold a card’s handle, then drag it to another cell', async ({ browser }) => {
  const orgContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  await signUpViaApi(orgContext, newUser('org'));
  const event = await createEventViaApi(orgContext.request, { timezone: 'UTC' });
  const api = orgContext.request;
  const roomId = (
    (await (await api.post(`/api/events/${event.slug}/rooms`, { data: { name: 'Aft' } })).json()) as { id: string }
  ).id;
  const slotIds: string[] = [];
  for (const start of ['09:00', '10:00']) {
    const r = await api.post(`/api/events/${event.slug}/slots`, {
      data: { day: '2026-06-11', start, end: start.replace(':00', ':45') },
    });
    slotIds.push(((await r.json()) as { id: string }).id);
  }
  const s = (await (
    await api.post(`/api/events/${event.slug}/sessions`, { data: { title: 'Thumb-driven scheduling' } })
  ).json()) as { id: string };
  expect((await api.patch(`/api/sessions/${s.id}`, { data: { roomId, slotId: slotIds[0] } })).status()).toBe(200);

  const page = await orgContext.newPage();
  await page.goto(`/e/${event.slug}/board`);
  await waitLive(page);
  const handle = dragHandle(page, 'Thumb-driven scheduling');
  const target = boardCell(page, 'Aft', '10:00');
  await target.scrollIntoViewIfNeeded();
  const a = (await handle.boundingBox())!;
  const b = (await target.boundingBox())!;
  const cdp = await orgContext.newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x?: number, y?: number) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: x === undefined ? [] : [{ x, y: y! }] });
  await touch('touchStart', a.x + a.width / 2, a.y + a.height / 2);
  // The drag starts after a short press (so a swipe still scrolls); the live region says when.
  await expect(page.locator('[id^="DndLiveRegion"]')).toContainText(/Picked up|is over/);
  for (let i = 1; i <= 10; i++) {
    await touch(
      'touchMove',
      a.x + a.width / 2 + ((b.x + b.width / 2 - a.x - a.width / 2) * i) / 10,
      a.y + a.height / 2 + ((b.y + b.height / 2 - a.y - a.height / 2) * i) / 10,
    );
  }
  await touch('touchEnd');
  await expect(target).toContainText('Thumb-driven scheduling');
  await expect(boardCell(page, 'Aft', '09:00')).not.toContainText('Thumb-driven scheduling');
  await orgContext.close();
});
