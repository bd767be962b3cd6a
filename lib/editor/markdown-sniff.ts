/** Heuristic: does pasted plain text look like Markdown worth parsing (lists, headings, fences, links)? */
export function looksLikeMarkdown(text: string): boolean {
  return (
    /^\s{0,12}([-*+]\s+\S|\d{1,3}[.)]\s+\S|#{1,6}\s+\S|```|>\s)/m.test(text) ||
    /\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|`[^`\n]+`/.test(text)
  );
}
