'use client';

import { useEffect, useState } from 'react';

/** The current time, ticking every `everyMs`; null during server rendering and hydration. */
export function useNow(everyMs = 15_000): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    // The first tick right after hydration, so server and browser render the same markup first.
    const first = setTimeout(() => setNow(new Date()), 0);
    const t = setInterval(() => setNow(new Date()), everyMs);
    return () => {
      clearTimeout(first);
      clearInterval(t);
    };
  }, [everyMs]);
  return now;
}
