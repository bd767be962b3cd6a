import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { yStateToJSON, yStateToMarkdown } from './convert';
import { jsonToYState, markdownToJSON } from './import-notes';
import { notesToMarkdown } from './notes-markdown';
import { outlineShape } from './outline-shape';

// A varied outline in the serializer's own style: what an export writes, an import must read
// back to the very same Markdown.
const VARIED = `## Where we started

- why do reviews go unread? 2 \\* 3 and snake\\_case\\_names
  - too long, written for the \\_auditors\\_ not the team
    - published weeks later, see [the guide](https://example.org/guide_v2?a=1&b=2)
      - by then # nobody remembers &lt;anything&gt;
        - level five with \`code\`, \`\`a \`tick\` inside\`\` and **bold** and *italic*
- tooling: \\\`not code\\\` and a \\[bracket\\]
  - [x] share the template
  - [ ] ask legal
    - [ ] nested task under a task
- \\# hash at the start
- 1\\. not a numbered list
- \\- not a nested bullet

### Code

\`\`\`yaml
flags:
  new-checkout: "*not* _emphasis_ <b>"
\`\`\`

1. first
2. second
   - under the second

Closing words with ~~strike~~ and a line  
break.
`;

const p = (text: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
});
const li = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content });
const list = (...items: JSONContent[]): JSONContent => ({ type: 'bulletList', content: items });

describe('notes Markdown', () => {
  it('Markdown → import → export gives the same Markdown', () => {
    const state = jsonToYState(markdownToJSON(VARIED));
    expect(yStateToMarkdown(state)).toBe(VARIED);
    const json = yStateToJSON(state);
    expect(outlineShape(json.content![1]!)).toEqual([
      [
        'why do reviews go unread? 2 * 3 and snake_case_names',
        [
          [
            'too long, written for the _auditors_ not the team',
            [
              [
                'published weeks later, see the guide',
                [
                  [
                    'by then # nobody remembers <anything>',
                    ['level five with code, a `tick` inside and bold and italic'],
                  ],
                ],
              ],
            ],
          ],
        ],
      ],
      ['tooling: `not code` and a [bracket]', ['share the template', ['ask legal', ['nested task under a task']]]],
      '# hash at the start',
      '1. not a numbered list',
      '- not a nested bullet',
    ]);
  });

  it('editor → export → import → export is stable, for text that looks like Markdown', () => {
    const doc: JSONContent = {
      type: 'doc',
      content: [
        p('# not a heading'),
        p('1. not a list'),
        p('2) nor this'),
        p('- not a bullet'),
        p('+ plus'),
        p('> not a quote'),
        p('---'),
        p('==='),
        p('a_b_c *star* `tick` <b>x</b> & [x](y) \\ back ~~s~~ | pipe #tag'),
        list(li(p('# in an item'), list(li(p('1. deeper'), list(li(p('```'))))))),
        p('(adjacent lists would merge in Markdown)'),
        list(
          li(p('[ ] not a task')),
          li(p('code `with` ticks', [{ type: 'code' }])),
          li(p('`edge`', [{ type: 'code' }])),
        ),
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title ending in #' }] },
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'line one' }, { type: 'hardBreak' }, { type: 'text', text: '# line two' }],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'linked', marks: [{ type: 'link', attrs: { href: 'https://example.org/a_(b)' } }] },
          ],
        },
      ],
    };
    const first = notesToMarkdown(doc);
    const imported = markdownToJSON(first);
    const second = notesToMarkdown(imported);
    expect(second).toBe(first);
    const strip = (j: JSONContent) => JSON.stringify(j).replace(/"attrs":\{"id":(null|"[^"]*")\},/g, '');
    expect(strip(yStateToJSON(jsonToYState(imported)))).toBe(strip(yStateToJSON(jsonToYState(doc))));
  });

  it('drops links with unsafe protocols and keeps raw HTML as text', () => {
    const json = markdownToJSON('- [x](javascript:alert(1)) <script>alert(1)</script>\n');
    expect(JSON.stringify(json)).not.toContain('javascript:');
    expect(JSON.stringify(json)).toContain('<script>alert(1)</script>');
    expect(notesToMarkdown(json)).toBe('- x &lt;script&gt;alert(1)&lt;/script&gt;\n');
  });
});
