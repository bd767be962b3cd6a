'use client';

import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError, Select } from '@/components/ui/field';
import type { BoardSessionDto, BoardStateDto } from '@/lib/board/board-dto';
import { callApi } from '@/lib/http/client-api';
import { ProposalForm } from './proposal-form';

/** Edit a proposal, withdraw it, or (organisers) merge it into a duplicate. */
export function SessionEditDialog({
  session,
  state,
  onClose,
}: {
  session: BoardSessionDto | null;
  state: BoardStateDto;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [mergeInto, setMergeInto] = useState('');
  if (!session) return null;
  const others = state.sessions.filter((s) => s.id !== session.id);

  async function withdraw() {
    const res = await callApi(`/api/sessions/${session!.id}`, { method: 'DELETE' });
    if (!res.ok) return setError(res.message);
    onClose();
  }
  async function merge() {
    const res = await callApi(`/api/sessions/${session!.id}/merge`, { body: { intoId: mergeInto } });
    if (!res.ok) return setError(res.message);
    onClose();
  }

  return (
    <Dialog.Root
      open
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-ink/40" />
        <Dialog.Content
          className={
            'fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 ' +
            '-translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl'
          }
        >
          <Dialog.Title className="text-lg font-semibold text-ink">Edit “{session.title}”</Dialog.Title>
          <Dialog.Description className="mb-4 text-sm text-stone-600">
            Changes show on every open board at once.
          </Dialog.Description>
          <ProposalForm
            slug={state.event.slug}
            sessionId={session.id}
            idPrefix="edit"
            people={state.people}
            selfId={session.proposer?.id}
            initial={{
              title: session.title,
              description: session.description,
              format: session.format,
              tags: session.tags,
              hostIds: session.hosts.map((h) => h.id),
              needsHost: session.needsHost,
            }}
          />
          <div className="mt-6 space-y-4 border-t border-stone-200 pt-4">
            <FormError message={error} />
            {state.viewer.canSchedule && others.length > 0 && (
              <div className="flex flex-wrap items-end gap-2">
                <label className="min-w-0 flex-1 text-sm font-medium text-ink" htmlFor="merge-into">
                  Merge this duplicate into
                  <Select
                    id="merge-into"
                    className="mt-1.5"
                    value={mergeInto}
                    onChange={(e) => setMergeInto(e.target.value)}
                  >
                    <option value="">Choose a session…</option>
                    {others.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.title}
                      </option>
                    ))}
                  </Select>
                </label>
                <Button type="button" variant="secondary" disabled={!mergeInto} onClick={() => void merge()}>
                  Merge
                </Button>
              </div>
            )}
            {confirmWithdraw ? (
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span>Withdraw it? Its votes go back to the voters; its notes stay readable.</span>
                <Button type="button" variant="danger" onClick={() => void withdraw()}>
                  Yes, withdraw
                </Button>
                <Button type="button" variant="ghost" onClick={() => setConfirmWithdraw(false)}>
                  Keep it
                </Button>
              </div>
            ) : (
              <Button type="button" variant="danger" onClick={() => setConfirmWithdraw(true)}>
                Withdraw session
              </Button>
            )}
          </div>
          <Dialog.Close
            className="absolute right-3 top-3 rounded p-1.5 text-stone-500 hover:bg-stone-100"
            aria-label="Close"
          >
            ✕
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
