import { OBSERVABLE_TYPES } from '@hub/stix';
import { baseScore, clockStart, DEFAULT_DECAY_RULES, decayRules, scoreAt, scoreClock, thresholdCrossing, type ScoreClock } from './decay';

const DAY = 86_400_000;
const start = new Date('2026-01-01T00:00:00Z');
const after = (days: number): Date => new Date(start.getTime() + days * DAY);
const clock = (base: number, lifetimeDays: number, speed: number, validUntil?: Date): ScoreClock => ({ base, rule: { lifetimeDays, speed }, start, validUntil });

describe('baseScore = clamp(confidence + min(5 × sightings, 20) − 20 × false positives, 0, 100)', () => {
  it.each([
    [{}, 50],
    [{ confidence: 60 }, 60],
    [{ confidence: 60, sightings: 3 }, 75],
    [{ confidence: 60, sightings: 3, falsePositives: 1 }, 55],
    [{ confidence: 60, sightings: 4 }, 80],
    [{ confidence: 60, sightings: 40 }, 80],
    [{ confidence: 90, sightings: 10 }, 100],
    [{ confidence: 30, falsePositives: 2 }, 0],
    [{ confidence: 150 }, 100],
    [{ confidence: -5, sightings: 1 }, 5],
    [{ confidence: Number.NaN }, 0],
    [{ confidence: 70, sightings: -3, falsePositives: -1 }, 70],
    [{ confidence: 70, sightings: Number.NaN, falsePositives: Number.NaN }, 70],
    [{ confidence: 70, sightings: 1.9 }, 75],
  ])('%j -> %d', (input, expected) => {
    expect(baseScore(input)).toBe(expected);
  });
});

describe('scoreAt = base × (1 − (t/L)^(1/δ))', () => {
  it.each([
    ['t = 0', clock(80, 30, 1), 0, 80],
    ['linear, half-way', clock(80, 30, 1), 15, 40],
    ['δ = 2, a quarter of the way (√¼ = ½)', clock(80, 30, 2), 7.5, 40],
    ['δ = 0.5, half-way ((½)² = ¼)', clock(80, 30, 0.5), 15, 60],
    ['δ = 0.5, a tenth of the way', clock(100, 730, 0.5), 73, 99],
    ['at L', clock(80, 30, 1), 30, 0],
    ['after L', clock(80, 30, 1), 400, 0],
    ['a clock starting in the future counts as just started', clock(80, 30, 1), -2, 80],
    ['base 0', clock(0, 30, 1), 5, 0],
  ])('%s', (_, c, days, expected) => {
    expect(scoreAt(c, after(days))).toBeCloseTo(expected, 10);
  });

  it('valid_until: 0 from then on, whatever the clock says', () => {
    const c = clock(80, 30, 1, after(10));
    expect(scoreAt(c, after(9.999))).toBeCloseTo(80 * (1 - 9.999 / 30), 10);
    expect(scoreAt(c, after(10))).toBe(0);
    expect(scoreAt(c, after(11))).toBe(0);
  });

  it('a true sighting restarts the clock', () => {
    const validFrom = start;
    expect(clockStart(validFrom)).toBe(validFrom);
    expect(clockStart(validFrom, after(20))).toEqual(after(20));
    expect(clockStart(validFrom, after(-3))).toBe(validFrom);
    const restarted: ScoreClock = { ...clock(80, 30, 1), start: clockStart(validFrom, after(20)) };
    expect(scoreAt(clock(80, 30, 1), after(29))).toBeCloseTo(80 / 30, 10);
    expect(scoreAt(restarted, after(29))).toBeCloseTo(80 * (1 - 9 / 30), 10);
  });
});

describe('thresholdCrossing = start + L × (1 − s/base)^δ', () => {
  it.each([
    ['δ = 2, s = half the base', clock(80, 30, 2), 40, after(7.5)],
    ['δ = 1, s = a quarter of the base', clock(80, 30, 1), 20, after(22.5)],
    ['δ = 0.5, s = 60 of 80', clock(80, 30, 0.5), 60, after(15)],
    ['s = 0: the end of the lifetime', clock(80, 30, 1), 0, after(30)],
    ['s = base: at once', clock(80, 30, 1), 80, start],
    ['s above base: at once', clock(50, 30, 1), 70, start],
    ['valid_until first', clock(80, 30, 1, after(5)), 40, after(5)],
    ['valid_until after the crossing', clock(80, 30, 1, after(25)), 40, after(15)],
    ['valid_until before the start', clock(80, 30, 1, after(-1)), 40, start],
  ])('%s', (_, c, threshold, expected) => {
    expect(thresholdCrossing(c, threshold)?.getTime()).toBeCloseTo(expected.getTime(), -1);
  });

  it('a negative threshold is never crossed', () => {
    expect(thresholdCrossing(clock(80, 30, 1), -1)).toBeUndefined();
  });
});

describe('properties over a grid of bases, lifetimes and speeds', () => {
  const grid = [10, 55, 100].flatMap((base) => [1, 30, 730].flatMap((lifetime) => [0.3, 0.5, 1, 2, 5].map((speed) => clock(base, lifetime, speed))));

  it.each(grid.map((c) => [`base ${c.base}, L ${c.rule.lifetimeDays} d, δ ${c.rule.speed}`, c] as const))('%s: decreasing from base to 0 at L, crossing consistent', (_, c) => {
    const L = c.rule.lifetimeDays;
    let previous = Infinity;
    for (let i = 0; i <= 100; i++) {
      const score = scoreAt(c, after((L * i) / 100));
      expect(score).toBeLessThanOrEqual(previous);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(c.base);
      previous = score;
    }
    expect(scoreAt(c, start)).toBe(c.base);
    expect(scoreAt(c, after(L))).toBe(0);
    for (const fraction of [0.1, 0.5, 0.9]) {
      const threshold = c.base * fraction;
      const at = thresholdCrossing(c, threshold) as Date;
      expect(scoreAt(c, at)).toBeLessThanOrEqual(threshold);
      expect(scoreAt(c, at)).toBeCloseTo(threshold, 3);
      expect(scoreAt(c, new Date(at.getTime() + 60_000))).toBeLessThan(threshold);
      expect(scoreAt(c, new Date(at.getTime() - 60_000))).toBeGreaterThan(threshold);
    }
  });
});

describe('decay rules per observable type', () => {
  it('has a rule for every observable type: addresses short and fast, hashes long and slow', () => {
    expect(Object.keys(DEFAULT_DECAY_RULES).sort()).toEqual([...OBSERVABLE_TYPES].sort());
    expect(DEFAULT_DECAY_RULES['ipv4-addr']).toEqual({ lifetimeDays: 30, speed: 2 });
    expect(DEFAULT_DECAY_RULES.file).toEqual({ lifetimeDays: 730, speed: 0.5 });
    expect(DEFAULT_DECAY_RULES['domain-name'].lifetimeDays).toBeLessThan(DEFAULT_DECAY_RULES.file.lifetimeDays);
  });

  it('the operator overrides one type; the rest stay', () => {
    const rules = decayRules({ 'ipv4-addr': { lifetimeDays: 7, speed: 1 } });
    expect(rules['ipv4-addr']).toEqual({ lifetimeDays: 7, speed: 1 });
    expect(rules.file).toEqual(DEFAULT_DECAY_RULES.file);
  });

  it.each([
    [{ lifetimeDays: 0, speed: 1 }, 'ipv4-addr: the lifetime must be a positive number of days'],
    [{ lifetimeDays: Infinity, speed: 1 }, 'ipv4-addr: the lifetime must be a positive number of days'],
    [{ lifetimeDays: 30, speed: 0 }, 'ipv4-addr: the decay speed must be a positive number'],
    [{ lifetimeDays: 30, speed: Number.NaN }, 'ipv4-addr: the decay speed must be a positive number'],
  ])('refuses %j', (rule, message) => {
    expect(() => decayRules({ 'ipv4-addr': rule })).toThrow(message);
  });
});

describe('scoreClock: from what is stored to a clock', () => {
  it('an IPv4 address shared with confidence 60, sighted 3 times, the last 10 days after valid_from', () => {
    const clock = scoreClock({ type: 'ipv4-addr', confidence: 60, sightings: 3, validFrom: start, lastSighting: after(10), validUntil: after(100) });
    expect(clock).toEqual({ base: 75, rule: { lifetimeDays: 30, speed: 2 }, start: after(10), validUntil: after(100) });
    // 7.5 days after the last sighting: (7.5/30)^(1/2) = 1/2.
    expect(scoreAt(clock, after(17.5))).toBeCloseTo(37.5, 10);
    expect(thresholdCrossing(clock, 37.5)?.getTime()).toBeCloseTo(after(17.5).getTime(), -1);
  });

  it('uses the operator rules', () => {
    const rules = decayRules({ file: { lifetimeDays: 10, speed: 1 } });
    const clock = scoreClock({ type: 'file', validFrom: start }, rules);
    expect(clock).toEqual({ base: 50, rule: { lifetimeDays: 10, speed: 1 }, start });
    expect(scoreAt(clock, after(5))).toBeCloseTo(25, 10);
  });
});
