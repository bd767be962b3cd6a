'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardStateDto } from '@/lib/board/board-dto';

export type LiveStatus = 'connecting' | 'live' | 'offline';

/**
 * The board state of one event, kept current: the server's Server-Sent Events say that something
 * changed, and the hook fetches the whole state again (with the viewer's own rights). Bursts of
 * changes are folded into one fetch at a time; a reconnect fetches too, in case one was missed.
 */
export function useBoardState(slug: string, initial: BoardStateDto) {
  const [state, setState] = useState(initial);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const inFlight = useRef(false);
  const again = useRef(false);

  const refresh = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    try {
      do {
        again.current = false;
        const res = await fetch(`/api/events/${slug}/board`, { cache: 'no-store', credentials: 'same-origin' });
        if (res.ok) setState((await res.json()) as BoardStateDto);
      } while (again.current);
    } catch {
      // The next change or reconnect fetches again.
    } finally {
      inFlight.current = false;
    }
  }, [slug]);

  useEffect(() => {
    const source = new EventSource(`/api/events/${slug}/board/stream`);
    let opened = false;
    source.addEventListener('ready', () => {
      setStatus('live');
      if (opened) void refresh();
      opened = true;
    });
    source.addEventListener('change', () => void refresh());
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting');
    // Presence in notes changes without a board change; look again now and then.
    const presence = setInterval(() => void refresh(), 30_000);
    return () => {
      source.close();
      clearInterval(presence);
    };
  }, [slug, refresh]);

  return { state, setState, refresh, status };
}
