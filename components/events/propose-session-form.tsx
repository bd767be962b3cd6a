'use client';

import { useRouter } from 'next/navigation';
import { ProposalForm } from '@/components/board/proposal-form';

/** The proposal form on the event page; the page re-renders with the new proposal. */
export function ProposeSessionForm({
  slug,
  people,
  selfId,
  existing,
}: {
  slug: string;
  people?: { id: string; name: string }[];
  selfId?: string | null;
  existing?: { id: string; title: string; path: string }[];
}) {
  const router = useRouter();
  return (
    <ProposalForm slug={slug} people={people} selfId={selfId} existing={existing} onDone={() => router.refresh()} />
  );
}
