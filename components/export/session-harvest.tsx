'use client';

import { MarkdownExportPanel } from './markdown-export-panel';
import { PasteMarkdownDialog } from './paste-markdown-dialog';
import type { ReactNode } from 'react';

/** Export (download, preview, copy), "paste Markdown" and publishing for one session's notes. */
export function SessionHarvest({ sessionId, canEdit, publish }: { sessionId: string; canEdit: boolean; publish?: ReactNode }) {
  return (
    <details className="group mb-4 rounded-xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="session-harvest">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3 text-sm font-semibold text-ink">
        <span>Export, import and publish</span>
        <span aria-hidden className="text-stone-400 transition group-open:rotate-90">›</span>
      </summary>
      <div className="space-y-5 border-t border-stone-100 px-4 py-4">
        <MarkdownExportPanel endpoint={`/api/sessions/${sessionId}/notes.md`} idPrefix="session-export" />
        {(canEdit || publish) && (
          <div className="flex flex-wrap items-start gap-4 border-t border-stone-100 pt-4">
            {canEdit && <PasteMarkdownDialog sessionId={sessionId} />}
            {publish}
          </div>
        )}
      </div>
    </details>
  );
}
