'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, FormError, Input } from '@/components/ui/field';
import { callApi } from '@/lib/http/client-api';

interface Token {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const fmt = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'never';

/** Personal API tokens: create (shown once), list, revoke. */
export function ApiTokens({ initial }: { initial: Token[] }) {
  const [tokens, setTokens] = useState(initial);
  const [fresh, setFresh] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const name = String(new FormData(formEl).get('name') ?? '').trim() || 'API token';
    setBusy(true);
    setError(null);
    const res = await callApi<Token & { token: string }>('/api/tokens', { body: { name } });
    setBusy(false);
    if (!res.ok) return setError(res.message);
    const { token, ...row } = res.data;
    setFresh(token);
    setTokens((t) => [row, ...t]);
    formEl.reset();
  }
  async function revoke(id: string) {
    const res = await callApi(`/api/tokens/${id}`, { method: 'DELETE' });
    if (!res.ok) return setError(res.message);
    setTokens((t) => t.filter((x) => x.id !== id));
  }

  return (
    <div className="space-y-5">
      <FormError message={error} />
      <form onSubmit={create} className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <Field id="token-name" label="Token name" hint="What will use it, e.g. “export script”.">
            <Input id="token-name" name="name" maxLength={60} placeholder="export script" />
          </Field>
        </div>
        <Button type="submit" disabled={busy} className="mb-6">
          {busy ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      {fresh && (
        <div role="status" className="rounded-lg bg-brand-50 p-4 ring-1 ring-brand-100">
          <p className="text-sm font-semibold text-brand-700">Copy your new token now: it will not be shown again.</p>
          <input
            readOnly
            value={fresh}
            data-testid="new-token"
            onFocus={(e) => e.currentTarget.select()}
            aria-label="New API token"
            className="mt-2 w-full rounded bg-white px-2 py-1.5 font-mono text-xs ring-1 ring-brand-100"
          />
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="text-sm text-stone-500">No tokens yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th className="py-2 font-medium">Name</th>
              <th className="py-2 font-medium">Token</th>
              <th className="hidden py-2 font-medium sm:table-cell">Last used</th>
              <th className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {tokens.map((t) => (
              <tr key={t.id}>
                <td className="py-2.5 font-medium">{t.name}</td>
                <td className="py-2.5 font-mono text-xs text-stone-500">{t.prefix}…</td>
                <td className="hidden py-2.5 text-stone-500 sm:table-cell">{fmt(t.lastUsedAt)}</td>
                <td className="py-2.5 text-right">
                  <Button
                    variant="danger"
                    className="px-2.5 py-1"
                    onClick={() => revoke(t.id)}
                    aria-label={`Revoke ${t.name}`}
                  >
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
