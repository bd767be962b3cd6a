import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { CollabCloseCode } from '@/lib/collab/close-codes';
import { notesSchema } from '@/lib/editor/extensions';
import { notesFixture, notesText, storedText, waitFor, waitSynced } from '@/test/collab-support';
import { collabPerFile } from '@/test/collab-per-file';
import { loadStoredDoc } from './persistence';
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
