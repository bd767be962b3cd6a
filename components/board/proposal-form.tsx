'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, FormError, Input, Select, Textarea } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';
import { similarTitles } from '@/lib/sessions/similar-titles';

export const FORMATS = [
  { value: 'discussion', label: 'Discussion' },
  { value: 'talk', label: 'Talk' },
  { value: 'workshop', label: 'Workshop' },
  { value: 'lightning', label: 'Lightning talk' },
  { value: 'other', label: 'Other' },
] as const;

export interface ProposalValues {
  title: string;
  description: string;
  format: string;
  tags: string[];
  hostIds: string[];
  needsHost: boolean;
}

const EMPTY: ProposalValues = {
  title: '',
  description: '',
  format: 'discussion',
  tags: [],
  hostIds: [],
  needsHost: false,
};

/**
 * Proposes a session, or edits one (`sessionId`): title, Markdown pitch, format, tags, co-hosts
 * and "needs a host". While a new title is typed, similar existing proposals are hinted.
 */
export function ProposalForm({
  slug,
  sessionId,
  initial,
  people = [],
  selfId,
  existing = [],
  onDone,
  idPrefix = 'proposal',
}: {
  slug: string;
  sessionId?: string;
  initial?: ProposalValues;
  people?: { id: string; name: string }[];
  selfId?: string | null;
  existing?: { id: string; title: string; path: string }[];
  onDone?: () => void;
  idPrefix?: string;
}) {
  const [values, setValues] = useState<ProposalValues>(initial ?? EMPTY);
  const [tagText, setTagText] = useState((initial?.tags ?? []).join(', '));
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = <K extends keyof ProposalValues>(k: K, v: ProposalValues[K]) => setValues((s) => ({ ...s, [k]: v }));
  const dupes = useMemo(
    () => (sessionId ? [] : similarTitles(values.title, existing)),
    [values.title, existing, sessionId],
  );
  const coHostChoices = people.filter((p) => p.id !== selfId);
  const id = (f: string) => `${idPrefix}-${f}`;

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    const tags = tagText
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const body = { ...values, tags };
    const res = sessionId
      ? await callApi(`/api/sessions/${sessionId}`, { method: 'PATCH', body })
      : await callApi(`/api/events/${slug}/sessions`, { body });
    setBusy(false);
    if (!res.ok) return setError({ message: res.message.replace(/^[\w.]+: /, ''), field: res.field?.split('.')[0] });
    if (!sessionId) {
      setValues(EMPTY);
      setTagText('');
    }
    setDone(true);
    onDone?.();
  }

  const fe = (f: string) => (error?.field === f ? error.message : null);
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <FormError
        message={
          error && !['title', 'description', 'format', 'tags', 'hostIds'].includes(error.field ?? '')
            ? error.message
            : null
        }
      />
      <Field id={id('title')} label="Session title" error={fe('title')}>
        <Input
          id={id('title')}
          value={values.title}
          onChange={(e) => set('title', e.target.value)}
          required
          maxLength={140}
          placeholder="Incident reviews that people actually read"
          aria-invalid={!!fe('title')}
          autoComplete="off"
        />
      </Field>
      {dupes.length > 0 && (
        <div
          role="status"
          data-testid="duplicate-hint"
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
        >
          Similar proposals already exist; maybe vote for one of them instead:
          <ul className="mt-1 list-disc pl-5">
            {dupes.map((d) => (
              <li key={d.id}>
                <a href={d.path} className="font-medium underline">
                  {d.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <Field
        id={id('description')}
        label="Pitch (optional)"
        hint="Markdown works: **bold**, lists, links."
        error={fe('description')}
      >
        <Textarea
          id={id('description')}
          value={values.description}
          onChange={(e) => set('description', e.target.value)}
          rows={3}
          maxLength={5000}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id('format')} label="Format" error={fe('format')}>
          <Select id={id('format')} value={values.format} onChange={(e) => set('format', e.target.value)}>
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id('tags')} label="Tags" hint="Separate with commas" error={fe('tags')}>
          <Input
            id={id('tags')}
            value={tagText}
            onChange={(e) => setTagText(e.target.value)}
            placeholder="devops, testing"
          />
        </Field>
      </div>
      {coHostChoices.length > 0 && (
        <Field id={id('hosts')} label="Co-hosts (optional)" error={fe('hostIds')}>
          <select
            id={id('hosts')}
            multiple
            value={values.hostIds}
            onChange={(e) =>
              set(
                'hostIds',
                [...e.target.selectedOptions].map((o) => o.value),
              )
            }
            className={
              'block h-24 w-full rounded-md bg-white px-2 py-1 text-sm shadow-sm ring-1 ring-inset ring-stone-300 ' +
              'focus:ring-2 focus:ring-brand-500'
            }
          >
            {coHostChoices.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <label className="flex items-center gap-3 text-sm">
        <input
          type="checkbox"
          checked={values.needsHost}
          onChange={(e) => set('needsHost', e.target.checked)}
          className="h-4 w-4 accent-brand-600"
        />
        I’d like someone else to lead it (needs a host)
      </label>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? 'Saving…' : sessionId ? 'Save changes' : 'Propose session'}
        </Button>
        {done && (
          <span role="status" className="text-sm text-brand-700">
            {sessionId ? 'Saved.' : 'Proposed. It is on the board.'}
          </span>
        )}
      </div>
    </form>
  );
}
