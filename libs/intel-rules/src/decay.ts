// Scores that decay (the polynomial model of MISP's decaying models and OpenCTI's indicator decay):
//
//   score(t) = base × (1 − (t / L)^(1/δ))      for 0 ≤ t < L, and 0 from L on
//
// t is the time since the clock started (the later of valid_from and the last true sighting), L the
// lifetime and δ the decay speed of the observable type. δ = 1 is a straight line; δ > 1 drops fast
// at first and flattens (addresses: stale within days); δ < 1 holds the score and falls at the end
// (hashes: a file stays what it is). After valid_until the score is 0 whatever the clock says.

import type { ObservableType } from '@hub/stix';

const DAY_MS = 86_400_000;

export interface DecayRule {
  /** L, in days: the score is 0 once this much time has passed since the clock started. */
  lifetimeDays: number;
  /** δ (> 0): the shape of the curve, see above. */
  speed: number;
}

/**
 * Defaults per observable type; the operator may override each. Short for what attackers rent and
 * drop (addresses, URLs), long for what cannot change (hashes).
 */
export const DEFAULT_DECAY_RULES: Readonly<Record<ObservableType, DecayRule>> = {
  'ipv4-addr': { lifetimeDays: 30, speed: 2 },
  'ipv6-addr': { lifetimeDays: 30, speed: 2 },
  url: { lifetimeDays: 45, speed: 2 },
  'domain-name': { lifetimeDays: 90, speed: 1 },
  'email-addr': { lifetimeDays: 180, speed: 1 },
  'x509-certificate': { lifetimeDays: 365, speed: 1 },
  'autonomous-system': { lifetimeDays: 365, speed: 0.5 },
  'mac-addr': { lifetimeDays: 365, speed: 0.5 },
  file: { lifetimeDays: 730, speed: 0.5 },
  artifact: { lifetimeDays: 730, speed: 0.5 },
};

/** The default rules with the operator's overrides applied; refuses a lifetime or speed that is not > 0. */
export function decayRules(overrides: Partial<Record<ObservableType, DecayRule>> = {}): Record<ObservableType, DecayRule> {
  const rules = { ...DEFAULT_DECAY_RULES, ...overrides };
  for (const [type, rule] of Object.entries(rules)) {
    if (!(rule.lifetimeDays > 0) || !Number.isFinite(rule.lifetimeDays)) throw new RangeError(`${type}: the lifetime must be a positive number of days`);
    if (!(rule.speed > 0) || !Number.isFinite(rule.speed)) throw new RangeError(`${type}: the decay speed must be a positive number`);
  }
  return rules;
}

export interface BaseScoreInput {
  /** The STIX confidence (0–100) of the object, or of its source when it has none. */
  confidence?: number;
  /** True sightings reported by members (sighting objects that are not false positives). */
  sightings?: number;
  /** Sightings reported as false positives. */
  falsePositives?: number;
}

/** Confidence when none is given: STIX leaves it unspecified; the hub takes the middle of the scale. */
export const DEFAULT_CONFIDENCE = 50;
/** Each true sighting adds this much, at most SIGHTING_BONUS_CAP in all. */
export const SIGHTING_BONUS = 5;
export const SIGHTING_BONUS_CAP = 20;
/** Each false positive takes this much away: one analyst's "this is benign" weighs four sightings. */
export const FALSE_POSITIVE_PENALTY = 20;

/**
 * base = clamp(confidence + min(5 × sightings, 20) − 20 × falsePositives, 0, 100).
 * Confidence carries the source's word; sightings confirm it a little (capped, so a chatty sensor
 * cannot make anything certain); false positives weigh more, because they say the value is harmless.
 */
export function baseScore(input: BaseScoreInput = {}): number {
  const confidence = clamp(input.confidence ?? DEFAULT_CONFIDENCE, 0, 100);
  const bonus = Math.min(SIGHTING_BONUS * count(input.sightings), SIGHTING_BONUS_CAP);
  const penalty = FALSE_POSITIVE_PENALTY * count(input.falsePositives);
  return clamp(confidence + bonus - penalty, 0, 100);
}

export interface ScoreClock {
  base: number;
  rule: DecayRule;
  /** The later of valid_from and the last true sighting: a sighting restarts the clock. */
  start: Date;
  /** valid_until: the score is 0 from then on. */
  validUntil?: Date;
}

/** When the clock starts: valid_from, or the last true sighting when that is later. */
export function clockStart(validFrom: Date, lastSighting?: Date): Date {
  return lastSighting && lastSighting.getTime() > validFrom.getTime() ? lastSighting : validFrom;
}

/** The decayed score at `now`. A start in the future counts as "just started" (t = 0). */
export function scoreAt(clock: ScoreClock, now: Date): number {
  if (clock.validUntil && now.getTime() >= clock.validUntil.getTime()) return 0;
  const lifetimeMs = clock.rule.lifetimeDays * DAY_MS;
  const t = Math.max(0, now.getTime() - clock.start.getTime());
  if (t >= lifetimeMs) return 0;
  return clock.base * (1 - Math.pow(t / lifetimeMs, 1 / clock.rule.speed));
}

/**
 * The moment the score falls to `threshold`: start + L × (1 − threshold/base)^δ (the decay solved
 * for t), or valid_until when that comes first. The score is at or below the threshold from this
 * moment on, so the caller can store it and act when it passes. A base at or below the threshold
 * gives the start itself; a negative threshold is never reached (undefined).
 */
export function thresholdCrossing(clock: ScoreClock, threshold: number): Date | undefined {
  if (threshold < 0) return undefined;
  const startMs = clock.start.getTime();
  const lifetimeMs = clock.rule.lifetimeDays * DAY_MS;
  const t = clock.base <= threshold ? 0 : lifetimeMs * Math.pow(1 - threshold / clock.base, clock.rule.speed);
  // Rounded up to the millisecond a Date holds, so the score at the returned moment is at or below it.
  const crossing = Math.ceil(startMs + t);
  if (clock.validUntil && clock.validUntil.getTime() < crossing) return new Date(Math.max(clock.validUntil.getTime(), startMs));
  return new Date(crossing);
}

/** A count that is missing, negative or not a number counts as none. */
function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

export interface IndicatorScoreInput extends BaseScoreInput {
  type: ObservableType;
  validFrom: Date;
  validUntil?: Date;
  /** The last true sighting, if any. */
  lastSighting?: Date;
}

/** The clock of one observable of an indicator, from what is stored about it and the operator's rules. */
export function scoreClock(input: IndicatorScoreInput, rules: Readonly<Record<ObservableType, DecayRule>> = DEFAULT_DECAY_RULES): ScoreClock {
  const clock: ScoreClock = { base: baseScore(input), rule: rules[input.type], start: clockStart(input.validFrom, input.lastSighting) };
  if (input.validUntil) clock.validUntil = input.validUntil;
  return clock;
}
