import clsx from 'clsx';
import type { ConnectionState } from './collab-connection';

const LOOK: Record<ConnectionState['phase'], { label: string; dot: string; detail: string }> = {
  loading: { label: 'Opening…', dot: 'bg-stone-400', detail: 'Loading the notes kept in this browser' },
  connecting: { label: 'Connecting…', dot: 'bg-amber-400 animate-pulse', detail: 'Reaching the notes server' },
  synced: { label: 'Saved', dot: 'bg-brand-500', detail: 'Every change is on the server' },
  saving: {
    label: 'Saving…',
    dot: 'bg-amber-400 animate-pulse',
    detail: 'Some changes have not reached the server yet',
  },
  offline: {
    label: 'Offline',
    dot: 'bg-stone-400',
    detail: 'Edits are kept in this browser and sent when you are back online',
  },
  reconnecting: {
    label: 'Reconnecting…',
    dot: 'bg-amber-500 animate-pulse',
    detail: 'Edits are kept in this browser meanwhile',
  },
  'no-access': { label: 'No access', dot: 'bg-red-500', detail: 'You cannot open these notes any more' },
};

/** The always-visible, honest connection status. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const look =
    state.readOnly && state.phase === 'synced'
      ? { label: 'Live', dot: 'bg-brand-500', detail: 'Changes by others appear as they type' }
      : LOOK[state.phase];
  const keptLocally =
    !state.readOnly && (state.phase === 'offline' || state.phase === 'reconnecting') && state.unsaved > 0;
  return (
    <div
      className="flex items-center gap-2"
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-phase={state.phase}
      data-readonly={state.readOnly ? 'true' : 'false'}
    >
      <span
        className="inline-flex items-center gap-2 rounded-full bg-white px-3 py-1 text-sm font-medium text-stone-700 ring-1 ring-stone-200"
        title={look.detail}
      >
        <span aria-hidden className={clsx('h-2 w-2 rounded-full', look.dot)} />
        {look.label}
        {keptLocally && <span className="font-normal text-stone-500">· edits kept on this device</span>}
      </span>
      {state.readOnly && state.phase !== 'no-access' && (
        <span
          className="inline-flex items-center gap-1.5 rounded-full bg-stone-100 px-3 py-1 text-sm font-medium text-stone-700"
          data-testid="readonly-badge"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-3.5 w-3.5 fill-current">
            <path
              d={
                'M10 4C5.5 4 2.3 7.6 1.2 10c1.1 2.4 4.3 6 8.8 6s7.7-3.6 8.8-6C17.7 7.6 14.5 4 10 4Zm0 10a4 ' +
                '4 0 1 1 0-8 4 4 0 0 1 0 8Zm0-6.2a2.2 2.2 0 1 0 0 4.4 2.2 2.2 0 0 0 0-4.4Z'
              }
            />
          </svg>
          Read-only
        </span>
      )}
    </div>
  );
}
