import MarkdownIt from 'markdown-it';

// Proposal pitches are Markdown typed by any member. Raw HTML is off, so tags are shown as text;
// markdown-it's own link check drops javascript:, vbscript: and data: URLs (except images).
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  // Links leave the site in a new tab without handing it our window.
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  tokens[idx]!.attrSet('target', '_blank');
  return defaultLinkOpen(tokens, idx, options, env, self);
};
md.disable(['image']);

/** Safe HTML for a Markdown pitch. */
export function renderMarkdown(source: string): string {
  return source.trim() ? md.render(source) : '';
}
