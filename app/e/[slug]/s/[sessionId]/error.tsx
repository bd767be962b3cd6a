'use client';

/** Something failed while opening the notes page (not "not found": that is the 404 page). */
export default function NotesError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold text-ink">The notes could not be opened</h1>
      <p className="mt-2 text-stone-600">
        This is on our side or the network’s. Notes you typed in this browser are kept on this device.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Try again
      </button>
    </main>
  );
}
