import { describe, expect, it } from 'vitest';
import { clearFailures, isThrottled, recordFailure } from './login-throttle';

describe('login throttle', () => {
  it('refuses an email after ten failures within fifteen minutes, and forgets them after', () => {
    const email = `Throttle-${Math.random()}@example.test`;
    const t0 = 1_000_000;
    for (let i = 0; i < 9; i++) recordFailure(email, t0 + i);
    expect(isThrottled(email, t0 + 10)).toBe(false);
    recordFailure(email.toLowerCase(), t0 + 10);
    expect(isThrottled(email, t0 + 11)).toBe(true);
    expect(isThrottled(email, t0 + 15 * 60_000 + 11)).toBe(false);
    recordFailure(email, t0 + 12);
    clearFailures(email);
    expect(isThrottled(email, t0 + 13)).toBe(false);
  });
});
