'use client';

import { useCallback, useState } from 'react';
import type { BoardStateDto } from '@/lib/board/board-dto';
import { callApi, type ApiResult } from '@/lib/http/client-api';

/** Rooms, slots and what they hold, for the settings editors; reloaded after every change. */
export function useSetupState(slug: string, initial: BoardStateDto) {
  const [state, setState] = useState(initial);
  const reload = useCallback(async () => {
    const res = await callApi<BoardStateDto>(`/api/events/${slug}/board`);
    if (res.ok) setState(res.data);
  }, [slug]);
  /** Calls the API and reloads; returns the failure message, if any. */
  const run = useCallback(
    async (path: string, init: { method?: string; body?: unknown }): Promise<string | null> => {
      const res: ApiResult<unknown> = await callApi(path, init);
      await reload();
      return res.ok ? null : res.message.replace(/^[\w.]+: /, '');
    },
    [reload],
  );
  const heldByRoom = (roomId: string) => state.sessions.filter((s) => s.roomId === roomId).length;
  const heldBySlot = (slotId: string) => state.sessions.filter((s) => s.slotId === slotId).length;
  return { state, run, heldByRoom, heldBySlot };
}
