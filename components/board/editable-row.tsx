'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/field';

/** Calls the event's API (path below /api/events/{slug}/) and answers an error message or null. */
export type Run = (path: string, init: { method?: string; body?: unknown }) => Promise<string | null>;

export interface EditableRowText {
  /** Accessible name of the Delete button ("Delete Main hall"). */
  deleteButton: string;
  /** Name of the confirmation ("Delete Main hall?"). */
  confirmTitle: string;
  /** What the confirmation says, e.g. which sessions go back to the parking lot. */
  confirmText: string;
  /** The confirming button ("Delete room"). */
  confirmButton: string;
}

/**
 * One row of an organiser's list (rooms, slots): its fields, then Save (when changed) and Delete,
 * which asks first; an error from either is shown under the row.
 */
export function EditableRow({
  testId,
  className,
  text,
  dirty,
  onSave,
  onDelete,
  children,
}: {
  testId: string;
  className: string;
  text: EditableRowText;
  dirty: boolean;
  onSave: () => Promise<string | null>;
  onDelete: () => Promise<string | null>;
  children: React.ReactNode;
}) {
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={className} data-testid={testId}>
      <div className="flex flex-wrap items-center gap-2">
        {children}
        <Button type="button" variant="secondary" disabled={!dirty} onClick={() => void onSave().then(setError)}>
          Save
        </Button>
        <Button type="button" variant="danger" aria-label={text.deleteButton} onClick={() => setConfirming(true)}>
          Delete
        </Button>
      </div>
      {confirming && (
        <div
          role="alertdialog"
          aria-label={text.confirmTitle}
          className="mt-2 flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900"
        >
          <span>{text.confirmText}</span>
          <Button type="button" variant="danger" onClick={() => void onDelete().then(setError)}>
            {text.confirmButton}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      )}
      <div className="mt-1">
        <FormError message={error} />
      </div>
    </li>
  );
}

/** "… holds 2 sessions; they go back to the parking lot." */
export function heldSessions(holder: string, held: number): string {
  return `${holder} holds ${held} session${held === 1 ? '' : 's'}; they go back to the parking lot.`;
}
