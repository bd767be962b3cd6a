import { expect, test, type Page } from './fixtures/test';
import { openNotes, pasteInto, setUpNotes } from './fixtures/notes';

// Issue 9 #2: a link keeps only its href (http, https, mailto). Whatever class, target or title
// arrives with it is never rendered, and the server refuses updates that carry them.

function pasteHtml(page: Page, html: string, text: string) {
  return pasteInto(page, { html, text });
}

test('links keep only their href: pasted links work, smuggled attributes are not rendered or shared', async ({
  browser,
}) => {
  const s = await setUpNotes(browser);
  const a = await openNotes(s.organiser.context, s.path);
  const b = await openNotes(s.attendee.context, s.path);
  await a.getByTestId('notes-editor').click();

  // Pasting a link still works, and it reaches the others, with the attributes we choose.
  await pasteHtml(
    a,
    '<p>read <a href="https://example.org/guide" class="fixed inset-0 z-50" target="_top" title="x">the guide</a></p>',
    'read the guide',
  );
  for (const page of [a, b]) {
    const link = page.getByTestId('notes-editor').locator('a', { hasText: 'the guide' });
    await expect(link).toHaveAttribute('href', 'https://example.org/guide');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    await expect(link).not.toHaveAttribute('class', /./);
    await expect(link).not.toHaveAttribute('title', /./);
  }

  // A raw Yjs update (not through the editor) giving a link a class and target: A's own editor
  // does not render them, and the server refuses the update, so B never sees the link.
  await a.evaluate(() => {
    const paragraph = window.__hallwayDoc!.getXmlFragment('default').get(0) as unknown as { get(i: number): unknown };
    type Formattable = {
      format(i: number, n: number, a: object): void;
      insert(i: number, s: string): void;
      length: number;
    };
    let text: Formattable | null = null;
    // The first text of the document, wherever the editor put it.
    const walk = (node: unknown): void => {
      if (text || !node || typeof node !== 'object') return;
      if ('format' in node) text = node as Formattable;
      else if ('toArray' in node) for (const child of (node as { toArray(): unknown[] }).toArray()) walk(child);
    };
    walk(paragraph);
    walk(window.__hallwayDoc!.getXmlFragment('default'));
    const t = text as Formattable | null;
    if (!t) throw new Error('no text in the document');
    window.__hallwayDoc!.transact(() => {
      t.insert(0, 'overlay ');
      t.format(0, 7, {
        link: { href: 'https://evil.example', class: 'fixed inset-0 z-50 evil-overlay', target: '_top', title: 'evil' },
      });
    });
  });
  const smuggled = a.getByTestId('notes-editor').locator('a', { hasText: 'overlay' });
  await expect(smuggled).toHaveAttribute('href', 'https://evil.example');
  await expect(smuggled).toHaveAttribute('target', '_blank');
  await expect(smuggled).not.toHaveAttribute('class', /./);
  await expect(smuggled).not.toHaveAttribute('title', /./);
  await expect(a.locator('.evil-overlay')).toHaveCount(0);

  // B keeps editing and never receives the smuggled link; someone opening the notes now neither.
  await b.getByTestId('notes-editor').click();
  await b.keyboard.press('End');
  await b.keyboard.type(' and more');
  const c = await openNotes(s.attendee.context, s.path);
  await expect(c.getByTestId('notes-editor')).toContainText('and more');
  for (const page of [b, c]) {
    await expect(page.getByTestId('notes-editor')).not.toContainText('overlay');
    await expect(page.locator('a[href="https://evil.example"]')).toHaveCount(0);
  }
  await c.screenshot({ path: 'test-results/screens/notes-link-safety.png' });
});
