// Slows password guessing: after MAX_FAILURES failed sign-ins for one email within WINDOW_MS,
// further attempts for it are refused until the window passes. Per process and in memory: a
// guessing run against one node is what this stops; it is not an account lock-out.

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

export function isThrottled(email: string, now = Date.now()): boolean {
  return recent(email.trim().toLowerCase(), now).length >= MAX_FAILURES;
}

export function recordFailure(email: string, now = Date.now()): void {
  const key = email.trim().toLowerCase();
  failures.set(key, [...recent(key, now), now]);
  if (failures.size > 50_000) failures.delete(failures.keys().next().value!);
}

export function clearFailures(email: string): void {
  failures.delete(email.trim().toLowerCase());
}
