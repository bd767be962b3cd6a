import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown';

describe('renderMarkdown (proposal pitches)', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('**Bold** and a list:\n\n- one\n- two')).toBe(
      '<p><strong>Bold</strong> and a list:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n',
    );
  });
  it('shows raw HTML as text and drops dangerous links', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))');
    expect(html).not.toMatch(/<script|<img|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
  });
  it('opens links in a new tab without handing over the window', () => {
    expect(renderMarkdown('https://example.org')).toContain(
      '<a href="https://example.org" rel="noopener noreferrer nofollow" target="_blank">',
    );
  });
  it('renders nothing for an empty pitch', () => {
    expect(renderMarkdown('  \n')).toBe('');
  });
});
