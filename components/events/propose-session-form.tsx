'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, FormError, Input, Textarea } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';

export function ProposeSessionForm({ slug }: { slug: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setBusy(true);
    setError(null);
    const res = await callApi(`/api/events/${slug}/sessions`, { body: { title: String(form.get('title')), description: String(form.get('description') ?? '') } });
    setBusy(false);
    if (!res.ok) return setError(res.message.replace(/^\w+: /, ''));
    formEl.reset();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <FormError message={error} />
      <Field id="session-title" label="Session title">
        <Input id="session-title" name="title" required maxLength={140} placeholder="Incident reviews that people actually read" />
      </Field>
      <Field id="session-description" label="What would you like to talk about? (optional)">
        <Textarea id="session-description" name="description" rows={2} maxLength={5000} />
      </Field>
      <Button type="submit" disabled={busy}>{busy ? 'Proposing…' : 'Propose session'}</Button>
    </form>
  );
}
