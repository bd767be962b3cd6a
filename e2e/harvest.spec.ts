import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures/test';
import { docOutline, openNotes, setUpNotes } from './fixtures/notes';

const GITHUB_API = `http://127.0.0.1:${Number(process.env.E2E_PORT || 3210) + 1}/api/v3`;
const NOTES =
  '- why do reviews go unread?\n  - too long\n    - nobody remembers\n      - [ ] ask legal\n- formats people liked\n';

async function shoot(page: Page, name: string) {
  fs.mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

test('exports an event to Markdown and publishes it to a (local) gist from the UI', async ({ browser }) => {
  const s = await setUpNotes(browser);
  const org = s.organiser.context;
  const put = await org.request.put(`/api/sessions/${s.sessionId}/notes`, {
    data: NOTES,
    headers: { 'content-type': 'text/markdown' },
  });
  expect(put.status(), await put.text()).toBe(200);

  const page = await org.newPage();
  await page.goto(`/e/${s.slug}`);
  await shoot(page, 'event-home');
  await page.getByRole('link', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Export and publish notes' })).toBeVisible();

  // Preview, then download: the same Markdown, with the session's heading and its nested notes.
  const panel = page.getByTestId('event-export-panel');
  await panel.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByTestId('event-export-preview');
  await expect(preview).toContainText(
    '- why do reviews go unread?\n  - too long\n    - nobody remembers\n      - [ ] ask legal',
  );
  await panel.getByText('Blog post (Jekyll)').click();
  await panel.getByRole('button', { name: 'Refresh preview' }).click();
  await expect(preview).toContainText('layout: post');
  await expect(preview).toContainText('## Contents {#contents}');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('link', { name: 'Download .md' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`2026-06-11-${s.slug}-notes.md`);
  const file = fs.readFileSync((await download.path())!, 'utf8');
  expect(file).toMatch(/^---\nlayout: post\n/);
  expect(file).toContain('      - [ ] ask legal\n');
  await shoot(page, 'export-page');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Gist: GitHub's consent first (this person signed up with a password), then publish, then update.
  await page.getByRole('link', { name: 'Connect GitHub to publish' }).click();
  await expect(page).toHaveURL(new RegExp(`/e/${s.slug}/export\\?github=connected$`));
  const gistCard = page.getByTestId('gist-publisher');
  await gistCard.getByText('Public', { exact: true }).click();
  await gistCard.getByRole('button', { name: 'Publish as gist' }).click();
  await expect(gistCard.getByRole('status')).toHaveText('Gist created.');
  const link = gistCard.getByTestId('gist-link');
  const gistId = (await link.textContent())!.split('/').pop()!;
  const gist = (await (await page.request.get(`${GITHUB_API}/gists/${gistId}`)).json()) as {
    public: boolean;
    files: Record<string, { content: string }>;
  };
  expect(gist.public).toBe(true);
  expect(Object.keys(gist.files)).toEqual(expect.arrayContaining(['README.md']));
  expect(
    Object.values(gist.files)
      .map((f) => f.content)
      .join('\n'),
  ).toContain('    - nobody remembers');

  const again = await org.request.put(`/api/sessions/${s.sessionId}/notes?mode=append`, {
    data: '- added later\n',
    headers: { 'content-type': 'text/markdown' },
  });
  expect(again.status()).toBe(200);
  await page.reload();
  await expect(gistCard.getByTestId('gist-link')).toHaveText(`${GITHUB_API.replace('/api/v3', '')}/gist/${gistId}`);
  await expect
    .poll(async () => {
      await gistCard.getByRole('button', { name: /Update gist|Publish as gist/ }).click();
      await expect(gistCard.getByRole('status')).not.toHaveText('');
      const g = (await (await page.request.get(`${GITHUB_API}/gists/${gistId}`)).json()) as {
        files: Record<string, { content: string }>;
        history: unknown[];
      };
      return Object.values(g.files).some((f) => f.content.includes('- added later')) && g.history.length >= 2;
    })
    .toBe(true);
  await expect(gistCard.getByRole('status')).toHaveText('Gist updated: its revisions on GitHub show what changed.');
  await shoot(page, 'export-page-published');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'export-page-phone');
});

test('copying a nested selection puts Markdown on the clipboard; a plain textarea keeps the indentation', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  await s.attendee.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const put = await s.organiser.context.request.put(`/api/sessions/${s.sessionId}/notes`, {
    data: NOTES,
    headers: { 'content-type': 'text/markdown' },
  });
  expect(put.status()).toBe(200);
  const page = await openNotes(s.attendee.context, s.path);
  await expect
    .poll(() => docOutline(page))
    .toEqual([
      [['why do reviews go unread?', [['too long', [['nobody remembers', ['ask legal']]]]]], 'formats people liked'],
    ]);

  // The Markdown serializer loads after the editor opens (lib/editor/lazy-markdown.ts).
  await expect(page.getByTestId('notes-editor')).toHaveAttribute('data-clipboard-markdown', 'ready');
  // Select from "too long" to the end of "ask legal", as a drag would.
  await page.evaluate(() => {
    const ed = window.__hallwayEditor!;
    let from = 0;
    let to = 0;
    ed.state.doc.descendants((node, pos) => {
      if (node.isText && node.text === 'too long') from = pos;
      if (node.isText && node.text === 'ask legal') to = pos + node.nodeSize;
    });
    ed.commands.focus();
    ed.commands.setTextSelection({ from, to });
  });
  // Tiptap's focus command focuses in the next animation frame: a copy pressed before it goes to
  // the page, not the editor (a busy browser delays that frame; a user's drag focuses at once).
  await expect(page.getByTestId('notes-editor')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+c');
  await page.evaluate(() => {
    const t = document.createElement('textarea');
    t.setAttribute('aria-label', 'scratch');
    t.style.cssText = 'position:fixed;top:0;left:0;width:400px;height:200px;z-index:1000';
    document.body.appendChild(t);
  });
  const textarea = page.getByLabel('scratch');
  await textarea.focus();
  await page.keyboard.press('ControlOrMeta+v');
  await expect(textarea).toHaveValue('  - too long\n    - nobody remembers\n      - [ ] ask legal');
  await textarea.evaluate((t) => t.remove());

  // Paste Markdown dialog on the session page: appends for everyone in the notes.
  await page.getByText('Export, import and publish').click();
  await page.getByRole('button', { name: 'Paste Markdown' }).click();
  await page.getByRole('dialog').getByLabel('Markdown').fill('- from the dialog\n  - nested');
  await page.getByRole('button', { name: 'Add to notes' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect
    .poll(() => docOutline(page))
    .toEqual([
      [
        ['why do reviews go unread?', [['too long', [['nobody remembers', ['ask legal']]]]]],
        'formats people liked',
        ['from the dialog', ['nested']],
      ],
    ]);
  await page.getByTestId('session-export-panel').getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByTestId('session-export-preview')).toContainText('- from the dialog\n  - nested');
  await shoot(page, 'session-harvest');
  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, 'session-harvest-phone');
});

test('publish with consent: once required, a session enters the export only after its host approved it', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  const page = await s.organiser.context.newPage();
  const put = await s.organiser.context.request.put(`/api/sessions/${s.sessionId}/notes`, {
    data: NOTES,
    headers: { 'content-type': 'text/markdown' },
  });
  expect(put.status()).toBe(200);
  await page.goto(`/e/${s.slug}/export`);
  await page.getByLabel(/Require each session’s hosts to approve/).check();
  await expect(page.getByTestId('approvals')).toContainText('Awaiting approval');
  const md = async () => (await page.request.get(`/api/events/${s.slug}/notes.md`)).text();
  expect(await md()).not.toContain('why do reviews go unread?');
  // The organiser proposed the session, so they host it and approve it on its notes page.
  await page.goto(s.path);
  await page.getByText('Export, import and publish').click();
  await page.getByRole('button', { name: 'Approve for publishing' }).click();
  await expect(page.getByText('Approved for publishing')).toBeVisible();
  await page.goto(`/e/${s.slug}/export`);
  await expect(page.getByTestId('approvals')).toContainText(`Approved by ${s.organiser.user.name}`);
  expect(await md()).toContain('why do reviews go unread?');
  await shoot(page, 'export-page-approvals');
});
