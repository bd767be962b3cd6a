import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import { encodeStateAsUpdate } from 'yjs';
import type * as YType from 'yjs';
import { isSafeHref, notesSchema } from './extensions';
import { yStateToJSON, yStateToMarkdown } from './convert';
import { jsonToYState, markdownToJSON } from './import-notes';
import { Y } from './server-yjs';
import { docSchemaVersion, EDITOR_SCHEMA_VERSION, isDocNewerThanEditor, stampSchemaVersion } from './schema-version';

const SAMPLE = `- why do reviews go unread?
  - too long, written for the auditors not the team
  - published weeks later
    - by then nobody remembers the context
      - level four
        - level five with \`code\` and **bold**
- tooling
  - someone mentioned [the guide](https://example.org/debriefing-guide)
- follow-ups
  - [x] share the template in the channel
  - [ ] ask legal

\`\`\`yaml
flags:
  new-checkout:
    owner: payments
\`\`\`
`;

describe('server-side conversions', () => {
  it('round-trips nested Markdown through the Y document', () => {
    const json = markdownToJSON(SAMPLE);
    const state = jsonToYState(json);
    const md = yStateToMarkdown(state);
    expect(md).toBe(SAMPLE);
    const back = yStateToJSON(state);
    expect(back.content?.[0]?.type).toBe('bulletList');
    expect(JSON.stringify(back)).toContain('"taskItem"');
  });

  it('writes documents exactly as y-prosemirror reads them', () => {
    // y-prosemirror (ESM, as in the browser) brings the ESM build of Yjs into this test process
    // next to the CommonJS one of server-yjs.ts: only encoded bytes cross between the two here.
    const json = markdownToJSON(SAMPLE);
    const ours: YType.Doc = new Y.Doc();
    Y.applyUpdate(ours, jsonToYState(json));
    const theirs = prosemirrorJSONToYDoc(notesSchema(), json, 'default');
    // Same elements, attributes, text and formatting as y-prosemirror's own writer.
    const theirsHere: YType.Doc = new Y.Doc();
    Y.applyUpdate(theirsHere, encodeStateAsUpdate(theirs));
    expect(ours.getXmlFragment('default').toString()).toBe(theirsHere.getXmlFragment('default').toString());
    expect(ours.getXmlFragment('default').toString()).toContain('<bold>bold</bold>');
    // and what y-prosemirror writes, we read
    expect(yStateToJSON(encodeStateAsUpdate(theirs))).toEqual(json);
  });

  it('drops links with unsafe protocols', () => {
    const json = markdownToJSON('* [x](javascript:alert(1)) and [y](mailto:a@b.test)');
    const text = JSON.stringify(json);
    expect(text).not.toContain('javascript:');
    expect(text).toContain('mailto:a@b.test');
    expect(isSafeHref('https://example.org')).toBe(true);
    expect(isSafeHref('data:text/html,x')).toBe(false);
    expect(isSafeHref('/relative')).toBe(false);
  });

  it('records and compares the schema version', () => {
    const doc = new Y.Doc();
    expect(docSchemaVersion(doc)).toBe(0);
    stampSchemaVersion(doc);
    expect(docSchemaVersion(doc)).toBe(EDITOR_SCHEMA_VERSION);
    stampSchemaVersion(doc, EDITOR_SCHEMA_VERSION + 1);
    expect(isDocNewerThanEditor(doc)).toBe(true);
    // an older editor never lowers it
    stampSchemaVersion(doc, EDITOR_SCHEMA_VERSION);
    expect(docSchemaVersion(doc)).toBe(EDITOR_SCHEMA_VERSION + 1);
  });
});
