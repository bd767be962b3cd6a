/**
 * Marks a step of the page's start in the browser's performance timeline (`hallway:<step>`);
 * scripts/measure-notes-page.mjs --trace reads them to tell where the time to editable goes.
 */
export function mark(step: string): void {
  try {
    performance.mark(`hallway:${step}`);
  } catch {
    // no performance timeline: nothing to record
  }
}
