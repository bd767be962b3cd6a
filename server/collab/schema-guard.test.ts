import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { notesSchema } from '@/lib/editor/extensions';
import { notesFixture, notesText, storedText, waitFor, waitSynced } from '@/test/collab-support';
import { collabPerFile } from '@/test/collab-per-file';
import { loadStoredDoc } from './persistence';
import { decodesAsUpdate } from './schema-guard';
import { db } from '@/lib/db';

// Issue 9 #1 and #2: a member's update that leaves the notes outside the editor schema, or sets
// a field clients may not set, is refused: not applied, stored or forwarded; its sender is closed
// with 4422; everyone else's content stays.

const server = collabPerFile();
const client = server.client;

async function storedDoc(docName: string): Promise<Y.Doc> {
  const stored = await loadStoredDoc(db, docName);
  const d = new Y.Doc();
  if (stored.state) Y.applyUpdate(d, stored.state);
  return d;
}

/** Everything visible in the notes fragment and the meta map, as one string. */
function visible(doc: Y.Doc): string {
  return `${doc.getXmlFragment('default').toString()}|${JSON.stringify(doc.getMap('meta').toJSON())}`;
}

/**
 * An honest writer with text, an attacker (a member with write access) doing `attack` to its own
 * copy, and a bystander: the attacker is closed with 4422, and the server, the database, the
 * bystander and a late joiner all hold exactly the honest state.
 */
async function expectRefused(attack: (doc: Y.Doc) => void) {
  const f = await notesFixture('PRIVATE');
  const honest = client(server.collab.url, f.docName, f.token);
  const bystander = client(server.collab.url, f.docName, f.token);
  await waitSynced(honest, bystander);
  honest.text.insert(0, 'irreplaceable notes');
  await waitFor(() => notesText(bystander.doc).toString() === 'irreplaceable notes', { what: 'honest edit' });

  const member = await f.member();
  const attacker = client(server.collab.url, f.docName, f.tokenFor(member.id));
  await waitSynced(attacker);
  attack(attacker.doc);
  await waitFor(() => attacker.closeCodes.includes(CollabCloseCode.schemaViolation), {
    what: 'attacker closed with 4422',
  });
  // The stock client treats 44xx as permanent: it does not come back to try again.
  await waitFor(() => attacker.provider.shouldConnect === false, { what: 'attacker gave up' });

  // Honest editing goes on, and what follows the refusal is seen by everyone.
  honest.text.insert(honest.text.length, ' (more)');
  const expected = 'irreplaceable notes (more)';
  await waitFor(() => notesText(bystander.doc).toString() === expected, { what: 'bystander sees honest edits' });
  await server.collab.server.flush();
  const serverDoc = server.collab.server.docs.get(f.docName)!.ydoc;
  const late = client(server.collab.url, f.docName, f.token);
  await waitFor(() => notesText(late.doc).toString() === expected, { what: 'late joiner' });
  const stored = await storedDoc(f.docName);
  for (const d of [serverDoc, bystander.doc, late.doc, stored]) expect(visible(d)).toBe(visible(honest.doc));
  expect(await storedText(f.docName)).toBe(expected);
  expect(visible(honest.doc)).not.toMatch(/evil|999|class|target|style|javascript/);
  return { f, honest, bystander, attacker };
}

describe('updates outside the notes schema are refused', () => {
  it('a Y.XmlText directly under the root fragment (every editor would show empty notes)', async () => {
    await expectRefused((d) => d.getXmlFragment('default').insert(0, [new Y.XmlText('evil')]));
  });

  it('meta.schemaVersion = 999 (every editor would turn read-only for good), and other meta fields', async () => {
    await expectRefused((d) => d.getMap('meta').set('schemaVersion', 999));
    await expectRefused((d) => d.getMap('meta').set('evil', true));
  });

  it('an unknown node name, a node where the schema allows none, text where none may go', async () => {
    await expectRefused((d) => d.getXmlFragment('default').insert(0, [new Y.XmlElement('evil')]));
    await expectRefused((d) => d.getXmlFragment('default').insert(0, [new Y.XmlElement('listItem')]));
    await expectRefused((d) => {
      const list = new Y.XmlElement('bulletList');
      d.getXmlFragment('default').insert(1, [list]);
      list.insert(0, [new Y.XmlText('evil')]);
    });
  });

  it('attributes the schema does not have or values it does not allow', async () => {
    await expectRefused((d) =>
      (d.getXmlFragment('default').get(0) as Y.XmlElement).setAttribute('style', 'position:fixed'),
    );
    await expectRefused((d) => {
      const h = new Y.XmlElement('heading');
      d.getXmlFragment('default').insert(1, [h]);
      h.setAttribute('level', 999 as unknown as string);
    });
    await expectRefused((d) => {
      const code = new Y.XmlElement('codeBlock');
      d.getXmlFragment('default').insert(1, [code]);
      code.setAttribute('language', 'js fixed inset-0 evil');
    });
  });

  it('other shared types at the root or inside the notes', async () => {
    await expectRefused((d) => d.getText('evil').insert(0, 'evil'));
    await expectRefused((d) => d.getXmlFragment('default').insert(0, [new Y.XmlFragment() as unknown as Y.XmlElement]));
    await expectRefused((d) => notesText(d).insertEmbed(0, { evil: true }));
  });

  it('refuses the whole update, valid parts included', async () => {
    await expectRefused((d) => {
      d.transact(() => {
        notesText(d).insert(0, 'looks fine ');
        d.getXmlFragment('default').insert(1, [new Y.XmlText('evil')]);
      });
    });
  });

  it('closes only the sender when a bad update arrives in the same turn as good ones', async () => {
    const f = await notesFixture('PRIVATE');
    const honest = client(server.collab.url, f.docName, f.token);
    const attacker = client(server.collab.url, f.docName, f.tokenFor((await f.member()).id));
    await waitSynced(honest, attacker);
    for (let i = 0; i < 5; i++) honest.text.insert(honest.text.length, `${i}`);
    attacker.doc.getMap('meta').set('schemaVersion', 999);
    for (let i = 5; i < 10; i++) honest.text.insert(honest.text.length, `${i}`);
    await waitFor(() => attacker.closeCodes.includes(CollabCloseCode.schemaViolation), { what: 'attacker closed' });
    await waitFor(async () => (await storedText(f.docName)) === '0123456789', { what: 'honest edits stored' });
    expect(honest.closeCodes).toEqual([]);
    expect(honest.provider.wsconnected).toBe(true);
    expect(server.collab.server.docs.get(f.docName)!.ydoc.getMap('meta').get('schemaVersion')).toBeUndefined();
  });
});

describe('links keep only an http(s) or mailto href', () => {
  const linkAttack = (value: Record<string, unknown>) => (d: Y.Doc) => notesText(d).insert(0, 'click', { link: value });

  it('refuses a link with a class, target or title, or an unsafe href', async () => {
    await expectRefused(linkAttack({ href: 'https://example.org', class: 'fixed inset-0 z-50' }));
    await expectRefused(linkAttack({ href: 'https://example.org', target: '_top' }));
    await expectRefused(linkAttack({ href: 'https://example.org', title: 'x' }));
    await expectRefused(linkAttack({ href: 'javascript:alert(1)' }));
    await expectRefused(linkAttack({ href: 'data:text/html,<script>alert(1)</script>' }));
    await expectRefused((d) => notesText(d).insert(0, 'evil', { evil: {} }));
    await expectRefused((d) => notesText(d).insert(0, 'evil', { bold: { class: 'evil' } }));
  });

  it('accepts links with a plain href and every node, mark and attribute the editor writes', async () => {
    const f = await notesFixture('PRIVATE');
    const writer = client(server.collab.url, f.docName, f.token);
    const reader = client(server.collab.url, f.docName, f.token);
    await waitSynced(writer, reader);
    const json = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              attrs: { id: 'abc123xy' },
              content: [
                {
                  type: 'paragraph',
                  content: [
                    { type: 'text', text: 'see ', marks: [{ type: 'bold' }, { type: 'italic' }] },
                    {
                      type: 'text',
                      text: 'site',
                      marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=c' } }],
                    },
                    { type: 'hardBreak' },
                    {
                      type: 'text',
                      text: 'mail',
                      marks: [{ type: 'link', attrs: { href: 'mailto:a@example.org' } }, { type: 'strike' }],
                    },
                    { type: 'text', text: 'c', marks: [{ type: 'code' }, { type: 'underline' }] },
                  ],
                },
              ],
            },
          ],
        },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        {
          type: 'taskList',
          content: [{ type: 'taskItem', attrs: { id: 'q1w2e3r4', checked: true }, content: [{ type: 'paragraph' }] }],
        },
        { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quote' }] }] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'const a = 1;' }] },
        { type: 'horizontalRule' },
      ],
    };
    // What the editor's own binding writes for this document.
    const written = prosemirrorJSONToYDoc(notesSchema(), json, 'default');
    written.getMap('meta').set('schemaVersion', 1);
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(written));
    await waitFor(() => reader.doc.getXmlFragment('default').toString().includes('mailto:a@example.org'), {
      what: 'rich content',
    });
    await server.collab.server.flush();
    expect(writer.closeCodes).toEqual([]);
    expect(visible(await storedDoc(f.docName))).toBe(visible(writer.doc));
  });
});

// Updates are checked by decoding them, not by applying them to a scratch document first: what
// passes must apply to the real document without failing halfway (which would cost everyone on
// the document a reload), and every honest update must pass.

/** A V1 update of one fresh client: one string item whose origin is a later item of its own client. */
function forwardOriginUpdate(): Uint8Array {
  const e = encoding.createEncoder();
  const client = 987654321;
  for (const n of [1, 1, client, 0]) encoding.writeVarUint(e, n); // 1 client, 1 struct, its id, clock 0
  encoding.writeUint8(e, 0x84); // an item with an origin, holding a string
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 5);
  encoding.writeVarString(e, 'evil');
  encoding.writeVarUint(e, 0); // no deletions
  return encoding.toUint8Array(e);
}

/** A V1 update deleting an empty range of a client nobody has heard of. */
function emptyDeletionUpdate(): Uint8Array {
  const e = encoding.createEncoder();
  for (const n of [0, 1, 987654321, 1, 50, 0]) encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
}

/** Updates an editor sends, of every kind of content, one client at a time and merged. */
function honestUpdates(): Uint8Array[] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const out: Uint8Array[] = [];
  a.on('update', (u: Uint8Array) => out.push(u));
  b.on('update', (u: Uint8Array) => out.push(u));
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  a.getXmlFragment('default').insert(0, [paragraph]);
  text.insert(0, 'hello world');
  text.format(0, 5, { bold: {} });
  text.delete(2, 3);
  paragraph.setAttribute('id', 'abc');
  a.getMap('meta').set('schemaVersion', 1);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  notesText(b).insert(1, 'from b');
  notesText(b).delete(0, 4);
  out.push(Y.encodeStateAsUpdate(a), Y.encodeStateAsUpdate(b), Y.mergeUpdates(out.slice()));
  return out;
}

describe('the update check (decoding, no scratch document)', () => {
  it('passes every honest update, and no damaged update that passes fails to apply', () => {
    const honest = honestUpdates();
    for (const u of honest) expect(decodesAsUpdate(u)).toBe(true);
    const prior = Y.encodeStateAsUpdate(
      (() => {
        const d = new Y.Doc();
        Y.applyUpdate(d, honest[0]!);
        return d;
      })(),
    );
    // A fixed pseudo-random sequence of damaged copies: changed bytes, cut short.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    let passed = 0;
    const failures: string[] = [];
    for (let n = 0; n < 10_000; n++) {
      const u = Uint8Array.from(honest[n % honest.length]!);
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) u[Math.floor(random() * u.length)] = random() * 256;
      const damaged = random() < 0.2 ? u.slice(0, Math.floor(random() * u.length)) : u;
      if (!decodesAsUpdate(damaged)) continue;
      passed++;
      // Against an empty document and one holding part of the content, typed as the server's.
      for (const state of [null, prior]) {
        const d = new Y.Doc();
        d.getXmlFragment('default');
        d.getMap('meta');
        if (state) Y.applyUpdate(d, state);
        try {
          Y.applyUpdate(d, damaged);
        } catch (err) {
          failures.push(`${(err as Error).message}: ${Buffer.from(damaged).toString('hex')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // The check is not simply refusing everything damaged.
    expect(passed).toBeGreaterThan(500);
  });

  it('refuses updates that decode but would fail halfway through applying', () => {
    for (const u of [forwardOriginUpdate(), emptyDeletionUpdate()]) {
      expect(() => Y.decodeUpdate(u)).not.toThrow();
      expect(decodesAsUpdate(u)).toBe(false);
      const d = new Y.Doc();
      Y.applyUpdate(d, honestUpdates().at(-1)!);
      expect(() => Y.applyUpdate(d, u)).toThrow();
    }
  });

  it('closes only the sender of such an update; the document is not reloaded', async () => {
    const f = await notesFixture('PRIVATE');
    const honest = client(server.collab.url, f.docName, f.token);
    await waitSynced(honest);
    honest.text.insert(0, 'kept');
    const token = f.tokenFor((await f.member()).id);
    for (const u of [forwardOriginUpdate(), emptyDeletionUpdate()]) {
      // A new attacker each time: the stock client does not come back after 4400.
      const attacker = client(server.collab.url, f.docName, token);
      await waitSynced(attacker);
      await waitFor(() => notesText(attacker.doc).toString() === 'kept', { what: 'honest edit' });
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0); // sync
      encoding.writeVarUint(e, 2); // update
      encoding.writeVarUint8Array(e, u);
      attacker.provider.ws!.send(encoding.toUint8Array(e));
      await waitFor(() => attacker.closeCodes.length > 0, { what: 'attacker closed' });
      expect(attacker.closeCodes).toEqual([CollabCloseCode.badMessage]);
    }
    honest.text.insert(4, ' and more');
    await waitFor(async () => (await storedText(f.docName)) === 'kept and more', { what: 'honest edits stored' });
    expect(honest.closeCodes).toEqual([]);
    expect(honest.provider.wsconnected).toBe(true);
  });
});
