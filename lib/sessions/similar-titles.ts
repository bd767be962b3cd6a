// Likely duplicates among proposal titles, cheap enough to run on every keystroke in the browser.

const STOP = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'in',
  'on',
  'for',
  'with',
  'without',
  'how',
  'what',
  'why',
  'we',
  'our',
  'your',
  'is',
  'are',
  'at',
  'do',
  'about',
]);

function words(title: string): Set<string> {
  const out = new Set<string>();
  for (const w of title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)) {
    if (w.length < 2 || STOP.has(w)) continue;
    // A crude stem so "flags" meets "flag" and "testing" meets "tests".
    out.add(w.replace(/(ing|es|s)$/, '') || w);
  }
  return out;
}

/** Titles sharing most of their meaningful words with `draft`, best match first. */
export function similarTitles<T extends { title: string }>(draft: string, existing: T[], limit = 3): T[] {
  const mine = words(draft);
  if (mine.size === 0) return [];
  return existing
    .map((item) => {
      const theirs = words(item.title);
      const shared = [...mine].filter((w) => theirs.has(w)).length;
      const score = shared / Math.min(mine.size, Math.max(theirs.size, 1));
      return { item, score, shared };
    })
    .filter((m) => m.shared >= 1 && m.score >= 0.5 && (m.shared >= 2 || mine.size <= 2))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((m) => m.item);
}
