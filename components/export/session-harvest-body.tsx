'use client';

import { ApprovalToggle } from './approval-toggle';
import { GistPublisher } from './gist-publisher';
import { MarkdownExportPanel } from './markdown-export-panel';
import { PasteMarkdownDialog } from './paste-markdown-dialog';
import type { SessionHarvestProps } from './session-harvest';

/** The opened "Export, import and publish" section of a session (session-harvest.tsx). */
export function SessionHarvestBody({ sessionId, path, canEdit, gist, approval }: SessionHarvestProps) {
  return (
    <>
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
    </>
  );
}
