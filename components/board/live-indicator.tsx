import type { LiveStatus } from './use-board-state';

/** Whether the page is receiving live changes. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const label = status === 'live' ? 'Live' : status === 'connecting' ? 'Connecting…' : 'Offline: reload to catch up';
  return (
    <span
      data-testid="live-status"
      data-status={status}
      className={
        'inline-flex items-center gap-1.5 rounded-full bg-white px-2.5 py-1 text-xs font-medium ' +
        'text-stone-600 ring-1 ring-stone-200'
      }
    >
      <span
        aria-hidden
        className={`h-2 w-2 rounded-full ${status === 'live' ? 'bg-brand-500' : status === 'connecting' ? 'bg-amber-400' : 'bg-red-500'}`}
      />
      {label}
    </span>
  );
}
