import clsx from 'clsx';
import { renderMarkdown } from '@/lib/markdown/render-markdown';

/** A proposal's Markdown pitch, rendered safely (raw HTML off). Server component. */
export function SessionPitch({
  markdown,
  className,
  clamp = false,
}: {
  markdown: string;
  className?: string;
  clamp?: boolean;
}) {
  const html = renderMarkdown(markdown);
  if (!html) return null;
  return (
    <div
      data-testid="session-pitch"
      className={clsx('pitch text-sm text-stone-600', clamp && 'line-clamp-3', className)}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
