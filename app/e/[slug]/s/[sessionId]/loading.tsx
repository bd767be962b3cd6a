/** Shown while the session is looked up; the editor itself opens from the local copy at once. */
export default function Loading() {
  return (
    <main
      id="main"
      className="mx-auto max-w-4xl animate-pulse px-4 py-8 sm:px-6"
      aria-busy="true"
      aria-label="Loading the notes"
    >
      <div className="h-4 w-40 rounded bg-stone-200" />
      <div className="mt-4 h-8 w-2/3 rounded bg-stone-200" />
      <div className="mt-4 flex gap-6">
        <div className="h-4 w-44 rounded bg-stone-200" />
        <div className="h-4 w-24 rounded bg-stone-200" />
        <div className="h-4 w-32 rounded bg-stone-200" />
      </div>
      <div className="mt-8 h-[50vh] rounded-xl bg-white ring-1 ring-stone-200" />
    </main>
  );
}
