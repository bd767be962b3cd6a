'use client';

import { ApprovalToggle } from './approval-toggle';
import { GistPublisher, type GistInfo } from './gist-publisher';
import { MarkdownExportPanel } from './markdown-export-panel';
import { PasteMarkdownDialog } from './paste-markdown-dialog';

export interface SessionHarvestProps {
  sessionId: string;
  path: string;
  canEdit: boolean;
  gist: { available: boolean; connected: boolean; existing: GistInfo | null };
  approval: { approved: boolean; canApprove: boolean } | null;
}

/** Export (download, preview, copy), "paste Markdown", gist and approval for one session's notes. */
export function SessionHarvest({ sessionId, path, canEdit, gist, approval }: SessionHarvestProps) {
  return (
    <details className="group mb-4 rounded-xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="session-harvest">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-3 px-4 py-3 text-sm font-semibold text-ink">
        <span>Export, import and publish</span>
        <span className="flex items-center gap-3">
          {approval && (
            <span
              className={
                approval.approved ? 'text-xs font-medium text-brand-700' : 'text-xs font-medium text-amber-700'
              }
            >
              {approval.approved ? 'Approved for publishing' : 'Awaiting host approval'}
            </span>
          )}
          <span aria-hidden className="text-stone-400 transition group-open:rotate-90">
            ›
          </span>
        </span>
      </summary>
      <div className="space-y-5 border-t border-stone-100 px-4 py-4">
        <MarkdownExportPanel endpoint={`/api/sessions/${sessionId}/notes.md`} idPrefix="session-export" />
        {(canEdit || approval?.canApprove) && (
          <div className="flex flex-wrap items-center gap-3 border-t border-stone-100 pt-4">
            {canEdit && <PasteMarkdownDialog sessionId={sessionId} />}
            {approval?.canApprove && <ApprovalToggle sessionId={sessionId} approved={approval.approved} />}
          </div>
        )}
        {gist.available && (
          <section aria-label="GitHub gist" className="border-t border-stone-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold text-ink">GitHub gist</h3>
            <GistPublisher
              endpoint={`/api/sessions/${sessionId}/gist`}
              returnTo={path}
              connected={gist.connected}
              existing={gist.existing}
              isEvent={false}
            />
          </section>
        )}
      </div>
    </details>
  );
}
