import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isSafeHref } from './extensions';
import { yStateToJSON, yStateToMarkdown } from './convert';
import { jsonToYState, markdownToJSON } from './import-notes';
import { docSchemaVersion, EDITOR_SCHEMA_VERSION, isDocNewerThanEditor, stampSchemaVersion } from './schema-version';

const SAMPLE = `* why do reviews go unread?
  * too long, written for the auditors not the team
  * published weeks later
    * by then nobody remembers the context
      * level four
        * level five with \`code\` and **bold**
* tooling
  * someone mentioned [the guide](https://example.org/debriefing-guide)
* follow-ups
  * [x] share the template in the channel
  * [ ] ask legal

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
