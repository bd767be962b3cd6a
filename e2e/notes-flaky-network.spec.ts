import { expect, test } from './fixtures/test';
import { docText, openNotes, setUpNotes } from './fixtures/notes';
import { startFlakyProxy, type FlakyProxy } from './fixtures/flaky-proxy';

// Two browsers edit the same notes through a bad network: every chunk delayed 40 ± 20 ms each way,
// and three times over the editors' sockets are cut and their next reconnection attempts are
// reset. Each editor keeps typing while cut off; after every cut both reconnect on their own, and
// at the end both editors and the server's export hold every word either typed.

const ROUNDS = 3;
const DROPPED_RECONNECTS = 4;

let proxy: FlakyProxy | null = null;
test.afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

test('editors behind a flaky connection reconnect after every cut and converge, and the server stores it all', async ({
  browser,
  baseURL,
}) => {
  // Three cut-and-reconnect cycles (each with the editor's reconnect back-off) after the usual
  // set-up: more work than one default test's 60 s allow on a loaded 2-core machine.
  test.setTimeout(180_000);
  proxy = await startFlakyProxy(new URL(baseURL!));
  const s = await setUpNotes(browser);
  const a = await openNotes(s.organiser.context, proxy.baseURL + s.path);
  const b = await openNotes(s.attendee.context, proxy.baseURL + s.path);
  const editorA = a.getByTestId('notes-editor');
  const editorB = b.getByTestId('notes-editor');
  const phase = (p: typeof a) => p.getByTestId('connection-status');

  // Each on a line of their own.
  await editorA.click();
  await a.keyboard.type('from A:');
  await expect(editorB).toContainText('from A:');
  await editorB.click();
  await b.keyboard.press('ControlOrMeta+End');
  await b.keyboard.press('Enter');
  await b.keyboard.type('from B:');
  await expect(editorA).toContainText('from B:');

  const words: string[] = [];
  const type = async (page: typeof a, word: string) => {
    words.push(word);
    await page.keyboard.type(` ${word}`);
  };
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all([type(a, `a${round}on`), type(b, `b${round}on`)]);
    // Cut: both sockets reset, and the next reconnection attempts too.
    proxy.dropNextWebSockets(DROPPED_RECONNECTS);
    expect(proxy.cutWebSockets()).toBeGreaterThanOrEqual(2);
    await expect(phase(a)).toHaveAttribute('data-phase', 'reconnecting');
    await expect(phase(b)).toHaveAttribute('data-phase', 'reconnecting');
    // Typing goes on while cut off.
    await Promise.all([type(a, `a${round}off`), type(b, `b${round}off`)]);
    await expect(phase(a)).toHaveAttribute('data-phase', 'synced', { timeout: 30_000 });
    await expect(phase(b)).toHaveAttribute('data-phase', 'synced', { timeout: 30_000 });
  }

  // Both editors the same, with every word.
  await expect.poll(async () => (await docText(a)) === (await docText(b)), { timeout: 15_000 }).toBe(true);
  for (const w of words) {
    await expect(editorA).toContainText(w);
    await expect(editorB).toContainText(w);
  }
  // The server has it all: the export (from the stored notes) holds every word, on its own lines.
  await expect
    .poll(
      async () => {
        const res = await s.organiser.context.request.get(`/api/sessions/${s.sessionId}/notes.md`);
        const md = await res.text();
        return words.filter((w) => !md.includes(w));
      },
      { message: 'words missing from the export', timeout: 15_000 },
    )
    .toEqual([]);
  const stats = proxy.stats();
  expect(stats.dropped).toBe(ROUNDS * DROPPED_RECONNECTS);
  expect(stats.webSockets).toBeGreaterThanOrEqual(2 + ROUNDS * 2);
  console.log(
    `flaky network: ${ROUNDS} cuts (${stats.cut} sockets reset, ${stats.dropped} reconnects refused, ` +
      `${stats.webSockets} sockets opened, ${stats.chunks} chunks delayed 40±20 ms); ${words.length} words typed ` +
      `by two browsers, half while cut off; both editors and the export hold all of them`,
  );
});
