'use client';

import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { summarizePresence, type PresenceSummary } from '@/lib/notes/presence';

const EMPTY: PresenceSummary = { people: [], editing: 0 };

/** Who is in a document right now, live from its awareness (the board can reuse it with any provider). */
export function usePresence(awareness: Awareness | null | undefined): PresenceSummary {
  const [summary, setSummary] = useState<PresenceSummary>(EMPTY);
  useEffect(() => {
    if (!awareness) return;
    const update = () => setSummary(summarizePresence(awareness.getStates().values()));
    const timer = setTimeout(update, 0);
    awareness.on('change', update);
    return () => {
      clearTimeout(timer);
      awareness.off('change', update);
    };
  }, [awareness]);
  return summary;
}
