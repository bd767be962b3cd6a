'use client';

import { lazy, Suspense, useState } from 'react';
import type { GistInfo } from './gist-publisher';

// The panels (export preview, paste, gist, approval) load when the section is first opened: it
// starts closed, and the notes page becomes editable sooner without their code.
const SessionHarvestBody = lazy(() =>
  import('./session-harvest-body').then((m) => ({ default: m.SessionHarvestBody })),
);

export interface SessionHarvestProps {
  sessionId: string;
  path: string;
  canEdit: boolean;
  gist: { available: boolean; connected: boolean; existing: GistInfo | null };
  approval: { approved: boolean; canApprove: boolean } | null;
}

/** Export (download, preview, copy), "paste Markdown", gist and approval for one session's notes. */
export function SessionHarvest(props: SessionHarvestProps) {
  const { approval } = props;
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="group mb-4 rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
      data-testid="session-harvest"
      onToggle={(e) => e.currentTarget.open && setOpened(true)}
    >
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
        {opened ? (
          <Suspense fallback={<p className="text-sm text-stone-600">Loading…</p>}>
            <SessionHarvestBody {...props} />
          </Suspense>
        ) : null}
      </div>
    </details>
  );
}
