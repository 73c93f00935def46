import { backoffDelay, DEFAULT_BACKOFF } from '../../src/web/widget/backoff';

describe('reconnect back-off', () => {
  it('starts at half a second and doubles, with the jitter between half and all of each step', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 1)).toBe(500);
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0)).toBe(250);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(1000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 1)).toBe(4000);
  });

  it('never waits longer than 10 seconds, however many attempts failed', () => {
    for (const attempt of [5, 6, 10, 50, 1000]) {
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 1)).toBe(10_000);
      expect(backoffDelay(attempt, DEFAULT_BACKOFF, () => 0)).toBe(5000);
    }
  });

  it('spreads clients out: different random draws give different delays', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.9].map((r) => backoffDelay(4, DEFAULT_BACKOFF, () => r)));
    expect(delays.size).toBe(4);
  });
});
