import { retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  it('doubles from the base with each failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, 0.5))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('spreads retries by ±25 %', () => {
    expect(retryDelayMs(3, 1000, 0)).toBe(3000);
    expect(retryDelayMs(3, 1000, 1)).toBe(5000);
  });

  it('never waits longer than six hours', () => {
    expect(retryDelayMs(40, 30_000, 0.5)).toBe(6 * 3600_000);
  });
});
