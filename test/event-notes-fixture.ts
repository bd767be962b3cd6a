// A whole event's notes in the shape of a published notes gist: the shared sample
// (/work/shared/samples/event-notes.md, passed in) followed by generated sessions, so imports and
// exports are tested on 15+ sessions and 400+ bullets. Deterministic: same input, same file.

export interface EventNotesFile {
  markdown: string;
  sections: { title: string; body: string }[];
  sessions: number;
  bullets: number;
}

const WORDS = [
  'retro',
  'on-call',
  'runbook',
  'latency',
  'rollout',
  'pairing',
  'budget',
  'schema',
  'queue',
  'cache',
  'alerts',
  'roadmap',
];

function bulletTree(seed: number, count: number): string[] {
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < count; i++) {
    const word = WORDS[(seed * 7 + i) % WORDS.length]!;
    const extra =
      i % 9 === 3
        ? ` see [notes](https://example.org/${word}/${i})`
        : i % 11 === 5
          ? ` with \`${word}()\``
          : i % 13 === 7
            ? ' and snake_case'
            : '';
    const task = i % 17 === 8 ? `[${i % 2 ? 'x' : ' '}] ` : '';
    lines.push(`${'  '.repeat(depth)}* ${task}point ${i} about ${word}${extra}`);
    // Walk the depth up and down between 0 and 4 (five levels).
    const step = (seed + i) % 5;
    depth = step < 2 ? Math.min(4, depth + 1) : step === 4 ? 0 : Math.max(0, depth - 1);
    if (task) depth = Math.min(depth, lines.length ? depth : 0);
  }
  return lines;
}

/** The sample plus `extra` generated sessions of `bulletsPer` bullets each. */
export function eventNotesFixture(sample: string, extra = 13, bulletsPer = 30): EventNotesFile {
  const parts = [sample.trimEnd()];
  for (let n = 0; n < extra; n++) {
    const title = `Session ${n + 4}: Generated topic ${n + 1} about ${WORDS[n % WORDS.length]}`;
    parts.push(
      `## ${title}\n*Day 2, 1${n % 10}:00–1${n % 10}:45, Room Bow · hosted by Someone ${n}*\n\n${bulletTree(n, bulletsPer).join('\n')}`,
    );
  }
  const markdown = parts.join('\n\n') + '\n';
  const sections = markdown
    .split(/^## /m)
    .slice(1)
    .map((s) => {
      const [title, ...rest] = s.split('\n');
      return { title: title!.trim(), body: rest.join('\n').replace(/^\s*\*[^\n]*\*\n/, '') };
    });
  return { markdown, sections, sessions: sections.length, bullets: (markdown.match(/^\s*[*-] /gm) ?? []).length };
}
