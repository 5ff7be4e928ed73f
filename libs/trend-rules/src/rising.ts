import { compareKeys, PublishedCount } from './suppression';

/** The key objects count under when they have no value for the grouping (no label, no indicator type, no malware family). */
export const NO_VALUE_KEY = '(none)';

export interface RisingGroup {
  key: string;
  current: number;
  previous: number;
  /** current − previous, always positive. */
  change: number;
  /** change / previous; null when the group is new (previous is 0). */
  changeRatio: number | null;
}

/**
 * The groups that grew most from one period to the next, from published counts only: a group with a
 * suppressed count in either period is left out rather than ranked (ranking it would leak its size).
 * Ordered by growth, then by growth ratio (new groups last among equals), then by key.
 */
export function risingGroups(previous: ReadonlyMap<string, PublishedCount>, current: ReadonlyMap<string, PublishedCount>, top: number): RisingGroup[] {
  const rising: RisingGroup[] = [];
  for (const [key, now] of current) {
    if (key === NO_VALUE_KEY) continue;
    const before = previous.get(key) ?? { count: 0, suppressed: false };
    if (now.count === null || before.count === null) continue;
    const change = now.count - before.count;
    if (change <= 0) continue;
    rising.push({ key, current: now.count, previous: before.count, change, changeRatio: before.count > 0 ? change / before.count : null });
  }
  return rising.sort(byGrowth).slice(0, Math.max(0, top));
}

function byGrowth(a: RisingGroup, b: RisingGroup): number {
  return b.change - a.change || (b.changeRatio ?? -1) - (a.changeRatio ?? -1) || compareKeys(a.key, b.key);
}
