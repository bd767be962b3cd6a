'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, FormError, Input, Select, Textarea } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';
import { eventPath } from '@/lib/paths';

export interface EventFormValues {
  title: string;
  slug?: string;
  description: string;
  timezone: string;
  startDate: string;
  endDate: string;
  visibility: 'PUBLIC' | 'UNLISTED' | 'PRIVATE';
  settings: {
    votesPerAttendee: number;
    maxVotesPerSession: number;
    guestsAllowed: boolean;
    barcampMode: boolean;
    hideVotesUntilScheduled: boolean;
    boardLocked: boolean;
  };
}

const VISIBILITY_HELP = {
  PUBLIC: 'Anyone can find the schedule and notes.',
  UNLISTED: 'Anyone with the link can read; it is not listed anywhere.',
  PRIVATE: 'Only members can see anything.',
};

/** Create and edit form for an event; posts to the JSON API and shows field errors inline. */
export function EventForm({
  mode,
  initial,
  slug,
  timeZones,
}: {
  mode: 'create' | 'edit';
  initial: EventFormValues;
  slug?: string;
  timeZones: string[];
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof EventFormValues>(k: K, v: EventFormValues[K]) => {
    setValues((s) => ({ ...s, [k]: v }));
    setSaved(false);
  };
  const setSetting = <K extends keyof EventFormValues['settings']>(k: K, v: EventFormValues['settings'][K]) => {
    setValues((s) => ({ ...s, settings: { ...s.settings, [k]: v } }));
    setSaved(false);
  };

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { ...values, slug: mode === 'create' && values.slug ? values.slug : undefined };
    if (mode === 'edit') delete body.slug;
    const res =
      mode === 'create'
        ? await callApi<{ slug: string }>('/api/events', { body })
        : await callApi<{ slug: string }>(`/api/events/${slug}`, { method: 'PATCH', body });
    setBusy(false);
    if (!res.ok) {
      setError({ message: res.message.replace(/^[\w.]+: /, ''), field: res.field?.split('.').pop() });
      return;
    }
    if (mode === 'create') router.push(eventPath(res.data.slug));
    else {
      setSaved(true);
      router.refresh();
    }
  }

  const fe = (f: string) => (error?.field === f ? error.message : null);
  return (
    <form onSubmit={onSubmit} className="space-y-6">
      <FormError
        message={
          error && !['title', 'slug', 'description', 'timezone', 'startDate', 'endDate'].includes(error.field ?? '')
            ? error.message
            : null
        }
      />
      <Field id="title" label="Title" error={fe('title')}>
        <Input
          id="title"
          value={values.title}
          onChange={(e) => set('title', e.target.value)}
          required
          maxLength={120}
          placeholder="Harbour Unconf 2026"
          aria-invalid={!!fe('title')}
        />
      </Field>
      {mode === 'create' && (
        <Field
          id="slug"
          label="Web address (optional)"
          hint="Lowercase letters, digits and hyphens. Made from the title if left empty."
          error={fe('slug')}
        >
          <div className="flex items-center rounded-md shadow-sm">
            <span className="rounded-l-md bg-stone-100 px-3 py-2 text-sm text-stone-600 ring-1 ring-inset ring-stone-300">
              /e/
            </span>
            <Input
              id="slug"
              className="rounded-l-none"
              value={values.slug ?? ''}
              onChange={(e) => set('slug', e.target.value)}
              placeholder="harbour-2026"
              aria-invalid={!!fe('slug')}
            />
          </div>
        </Field>
      )}
      <Field
        id="description"
        label="Description"
        hint="What the event is about, who it is for, where it happens."
        error={fe('description')}
      >
        <Textarea
          id="description"
          value={values.description}
          onChange={(e) => set('description', e.target.value)}
          maxLength={5000}
          rows={4}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="startDate" label="First day" error={fe('startDate')}>
          <Input
            id="startDate"
            type="date"
            value={values.startDate}
            onChange={(e) => set('startDate', e.target.value)}
            required
            aria-invalid={!!fe('startDate')}
          />
        </Field>
        <Field id="endDate" label="Last day" error={fe('endDate')}>
          <Input
            id="endDate"
            type="date"
            value={values.endDate}
            onChange={(e) => set('endDate', e.target.value)}
            required
            aria-invalid={!!fe('endDate')}
          />
        </Field>
        <Field id="timezone" label="Time zone" error={fe('timezone')}>
          <Select id="timezone" value={values.timezone} onChange={(e) => set('timezone', e.target.value)}>
            {timeZones.map((tz) => (
              <option key={tz} value={tz}>
                {tz}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-ink">Who can see it</legend>
        {(['PUBLIC', 'UNLISTED', 'PRIVATE'] as const).map((v) => (
          <label
            key={v}
            className={
              'flex cursor-pointer items-start gap-3 rounded-lg p-3 ring-1 ring-stone-200 ' +
              'has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-500'
            }
          >
            <input
              type="radio"
              name="visibility"
              value={v}
              checked={values.visibility === v}
              onChange={() => set('visibility', v)}
              className="mt-1 accent-brand-600"
            />
            <span>
              <span className="block text-sm font-semibold capitalize">{v.toLowerCase()}</span>
              <span className="block text-sm text-stone-600">{VISIBILITY_HELP[v]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-sm font-medium text-ink">Participation</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="votesPerAttendee" label="Votes per attendee">
            <Input
              id="votesPerAttendee"
              type="number"
              min={0}
              max={100}
              value={values.settings.votesPerAttendee}
              onChange={(e) => setSetting('votesPerAttendee', Number(e.target.value))}
            />
          </Field>
          <Field id="maxVotesPerSession" label="Most votes on one session">
            <Input
              id="maxVotesPerSession"
              type="number"
              min={1}
              max={100}
              value={values.settings.maxVotesPerSession}
              onChange={(e) => setSetting('maxVotesPerSession', Number(e.target.value))}
            />
          </Field>
        </div>
        <label className="flex items-center gap-3 text-sm">
          <input
            type="checkbox"
            checked={values.settings.guestsAllowed}
            onChange={(e) => setSetting('guestsAllowed', e.target.checked)}
            className="h-4 w-4 accent-brand-600"
          />
          Guests may join from an invite link with only a display name
        </label>
        <label className="flex items-center gap-3 text-sm">
          <input
            type="checkbox"
            checked={values.settings.barcampMode}
            onChange={(e) => setSetting('barcampMode', e.target.checked)}
            className="h-4 w-4 accent-brand-600"
          />
          Barcamp mode: attendees put their own sessions on the board
        </label>
        <label className="flex items-center gap-3 text-sm">
          <input
            type="checkbox"
            checked={values.settings.hideVotesUntilScheduled}
            onChange={(e) => setSetting('hideVotesUntilScheduled', e.target.checked)}
            className="h-4 w-4 accent-brand-600"
          />
          Hide vote counts from attendees until a session is scheduled
        </label>
        <label className="flex items-center gap-3 text-sm">
          <input
            type="checkbox"
            checked={values.settings.boardLocked}
            onChange={(e) => setSetting('boardLocked', e.target.checked)}
            className="h-4 w-4 accent-brand-600"
          />
          Lock the board: only organisers can move sessions
        </label>
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={busy}>
          {busy ? 'Saving…' : mode === 'create' ? 'Create event' : 'Save changes'}
        </Button>
        {saved && (
          <span role="status" className="text-sm text-brand-700">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
