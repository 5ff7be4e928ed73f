import { RegionFigures } from './figures';
import { CellFigures, publishTrendTable, PublishedTable, TrendRowFigures } from './suppression';

const K = 3;
const WEEK_MS = 7 * 24 * 3600 * 1000;
const weekStart = (index: number) => new Date(Date.UTC(2026, 2, 2) + index * WEEK_MS);

/** One stored object as the database would count it for one viewer. */
interface Item {
  week: number;
  keys: string[];
  source: string;
  readable?: boolean;
}

/** The figures the database gives for a set of objects: what the rules see. */
function figuresOf(items: Item[], weeks: number, complete: (week: number) => boolean = () => true): TrendRowFigures[] {
  const tally = () => ({ readable: 0, hidden: 0, sources: new Set<string>() });
  const toCell = (t: ReturnType<typeof tally>): CellFigures => ({ readable: t.readable, hidden: t.hidden, hiddenSources: t.sources.size, hiddenSourceIds: [...t.sources] });
  return Array.from({ length: weeks }, (_, week) => {
    const total = tally();
    const groups = new Map<string, ReturnType<typeof tally>>();
    for (const item of items.filter((candidate) => candidate.week === week)) {
      for (const target of [total, ...item.keys.map((key) => groups.get(key) ?? groups.set(key, tally()).get(key)!)]) {
        if (item.readable) target.readable += 1;
        else {
          target.hidden += 1;
          target.sources.add(item.source);
        }
      }
    }
    return { start: weekStart(week), complete: complete(week), total: toCell(total), groups: new Map([...groups].map(([key, t]) => [key, toCell(t)])) };
  });
}

const SECTORS = ['GOVERNMENT', 'HEALTHCARE_PROVIDER', 'PHARMA'];
const TLP = ['AMBER', 'AMBER_STRICT', 'CLEAR', 'GREEN', 'RED'];

function sectorWide(rows: TrendRowFigures[], fixedKeys: string[] = [], canHoldUnreadable: (key: string) => boolean = () => true): PublishedTable {
  return publishTrendTable({ scope: 'SECTOR_WIDE', k: K, fixedKeys, canHoldUnreadable, rows });
}

type Shown = number | 'suppressed';
const show = (count: { count: number | null; suppressed: boolean }): Shown => (count.suppressed ? 'suppressed' : count.count!);
const tableOf = (table: PublishedTable) => table.rows.map((row) => ({ ...Object.fromEntries([...row.groups].map(([key, count]) => [key, show(count)])), '*': show(row.total) }));
/** What an answer says apart from the counts themselves: its keys, which counts are suppressed, which buckets count unreadable objects. */
const shapeOf = (table: PublishedTable) => ({
  keys: table.keys,
  rows: table.rows.map((row) => ({ countsUnreadable: row.countsUnreadable, suppressed: [...row.groups].filter(([, count]) => count.suppressed).map(([key]) => key), total: row.total.suppressed })),
});

const hidden = (week: number, key: string, ...sources: string[]): Item[] => sources.map((source) => ({ week, keys: [key], source }));
const readable = (week: number, key: string, count = 1): Item[] => Array.from({ length: count }, () => ({ week, keys: [key], source: 'own', readable: true }));

describe('READABLE', () => {
  it('shows exact readable counts, never suppresses, and lists only keys the viewer read', () => {
    const rows = figuresOf([...readable(0, 'indicator', 4), ...readable(0, 'malware'), ...hidden(0, 'indicator', 'a'), ...hidden(1, 'tool', 'a', 'b', 'c', 'd'), ...readable(1, 'indicator', 2)], 2);
    const table = publishTrendTable({ scope: 'READABLE', k: K, fixedKeys: SECTORS, canHoldUnreadable: () => true, rows });
    expect(table.keys).toEqual(['indicator', 'malware']);
    expect(tableOf(table)).toEqual([
      { indicator: 4, malware: 1, '*': 5 },
      { indicator: 2, malware: 0, '*': 2 },
    ]);
    expect(table.keyTotals.get('indicator')).toEqual({ count: 6, suppressed: false });
    expect(table.total).toEqual({ count: 7, suppressed: false });
  });
});

describe('SECTOR_WIDE: which buckets count unreadable objects', () => {
  it('counts nothing unreadable in a bucket whose unreadable part comes from fewer than k organisations, and suppresses nothing there', () => {
    const table = sectorWide(figuresOf([...readable(0, 'PHARMA', 2), ...hidden(0, 'GOVERNMENT', 'gov'), ...hidden(0, 'PHARMA', 'a', 'a')], 1), SECTORS);
    expect(tableOf(table)).toEqual([{ GOVERNMENT: 0, HEALTHCARE_PROVIDER: 0, PHARMA: 2, '*': 2 }]);
    expect(table.rows[0].countsUnreadable).toBe(false);
  });

  it('counts nothing unreadable in a bucket that is not complete yet', () => {
    const items = [...readable(0, 'PHARMA'), ...hidden(0, 'PHARMA', 'a', 'b', 'c', 'd')];
    const table = sectorWide(figuresOf(items, 1, () => false), SECTORS);
    expect(tableOf(table)).toEqual([{ GOVERNMENT: 0, HEALTHCARE_PROVIDER: 0, PHARMA: 1, '*': 1 }]);
    expect(table.rows[0].countsUnreadable).toBe(false);
  });

  it('shows the total of a bucket whose unreadable part comes from k organisations', () => {
    const table = sectorWide(figuresOf([...readable(0, 'PHARMA'), ...hidden(0, 'PHARMA', 'a', 'b'), ...hidden(0, 'GOVERNMENT', 'gov')], 1), SECTORS);
    expect(table.rows[0].countsUnreadable).toBe(true);
    expect(tableOf(table)[0]['*']).toBe(4);
  });
});

describe('SECTOR_WIDE: cells', () => {
  it('shows cells of k organisations when the rest of the bucket comes from k organisations too', () => {
    const items = [...hidden(0, 'PHARMA', 'a', 'b', 'c'), ...hidden(0, 'GOVERNMENT', 'gov'), ...hidden(0, 'HEALTHCARE_PROVIDER', 'd', 'e'), ...readable(0, 'HEALTHCARE_PROVIDER')];
    expect(tableOf(sectorWide(figuresOf(items, 1), SECTORS))).toEqual([{ GOVERNMENT: 'suppressed', HEALTHCARE_PROVIDER: 'suppressed', PHARMA: 3, '*': 7 }]);
  });

  it('suppresses every cell that can hold unreadable objects, empty ones too, when the rest comes from fewer than k', () => {
    // Without the lone GOVERNMENT object the rest is empty; with it, one organisation. Both look the same.
    const base = [...hidden(0, 'PHARMA', 'a', 'b', 'c'), ...hidden(0, 'HEALTHCARE_PROVIDER', 'd', 'e', 'f'), ...readable(0, 'PHARMA')];
    const expected = [{ GOVERNMENT: 'suppressed', HEALTHCARE_PROVIDER: 'suppressed', PHARMA: 'suppressed' }];
    expect(tableOf(sectorWide(figuresOf(base, 1), SECTORS))).toEqual([{ ...expected[0], '*': 7 }]);
    expect(tableOf(sectorWide(figuresOf([...base, ...hidden(0, 'GOVERNMENT', 'gov')], 1), SECTORS))).toEqual([{ ...expected[0], '*': 8 }]);
  });

  it('keeps cells no unreadable object can be in exact', () => {
    const items = [...hidden(0, 'AMBER', 'a', 'b', 'c'), ...readable(0, 'GREEN', 2), ...readable(0, 'RED')];
    expect(tableOf(sectorWide(figuresOf(items, 1), TLP, (key) => key.startsWith('AMBER')))).toEqual([{ AMBER: 'suppressed', AMBER_STRICT: 'suppressed', CLEAR: 0, GREEN: 2, RED: 1, '*': 6 }]);
  });

  it('never lets a shown total minus the shown cells stand on fewer than k sources', () => {
    const pool = ['a', 'b', 'c', 'd', 'e'];
    for (let seed = 1; seed <= 400; seed += 1) {
      const random = randomSource(seed);
      const items: Item[] = Array.from({ length: random(12) }, () => ({ week: 0, keys: [SECTORS[random(SECTORS.length)]], source: pool[random(pool.length)], readable: random(4) === 0 }));
      const table = sectorWide(figuresOf(items, 1), SECTORS);
      const row = table.rows[0];
      const shownCells = [...row.groups].filter(([, count]) => !count.suppressed).map(([key]) => key);
      for (const key of shownCells) {
        const sources = new Set(items.filter((item) => !item.readable && item.keys[0] === key).map((item) => item.source));
        if (row.countsUnreadable) expect(sources.size === 0 || sources.size >= K).toBe(true);
      }
      if (!row.countsUnreadable || row.total.suppressed || shownCells.length === 0) continue;
      const rest = new Set(items.filter((item) => !item.readable && !shownCells.includes(item.keys[0])).map((item) => item.source));
      expect({ seed, restSources: rest.size >= K }).toEqual({ seed, restSources: true });
    }
  });
});

describe('SECTOR_WIDE: keys', () => {
  it('lists the fixed keys always, and another key only when the viewer read it or k organisations carry it in a complete bucket', () => {
    const items = [...hidden(0, 'acme-breach', 'a'), ...hidden(0, 'ransomware', 'a', 'b', 'c'), ...readable(1, 'mine'), ...hidden(1, 'later', 'a', 'b', 'c')];
    const table = sectorWide(figuresOf(items, 2, (week) => week === 0), ['(none)']);
    expect(table.keys).toEqual(['(none)', 'mine', 'ransomware']);
  });
});

describe('SECTOR_WIDE: filters', () => {
  const region = (hiddenSources: number): RegionFigures => ({ readable: 0, hidden: hiddenSources, hiddenSources });
  const row = (total: CellFigures, groups: Record<string, CellFigures>): TrendRowFigures => ({ start: weekStart(0), complete: true, total, groups: new Map(Object.entries(groups)) });

  it('suppresses the total when the part the filter removes comes from fewer than k organisations, nothing included', () => {
    for (const removed of [0, 1, 2]) {
      const table = sectorWide([row({ ...region(5), guards: [region(removed)] }, { a: { ...region(5), guards: [region(removed)] } })]);
      expect(tableOf(table)).toEqual([{ a: 'suppressed', '*': 'suppressed' }]);
    }
    const table = sectorWide([row({ ...region(5), guards: [region(3)] }, { a: { ...region(3), guards: [region(3)] }, b: { ...region(2), hiddenSourceIds: ['x', 'y'], guards: [region(0)] } })]);
    // a passes with its guard, but b, the rest, comes from 2 organisations (b itself is not listed: nobody reads it, fewer than k carry it).
    expect(tableOf(table)).toEqual([{ a: 'suppressed', '*': 5 }]);
  });

  it('counts a cell held back by its guard alone in the rest, with its k organisations', () => {
    const table = sectorWide([row({ ...region(7), guards: [region(4)] }, { a: { ...region(4), guards: [region(4)] }, b: { ...region(3), guards: [region(1)] } })]);
    expect(tableOf(table)).toEqual([{ a: 4, b: 'suppressed', '*': 7 }]);
  });
});

describe('SECTOR_WIDE: totals over the range', () => {
  it('sums a key or the grand total only when every bucket is shown', () => {
    const items = [...hidden(0, 'PHARMA', 'a', 'b', 'c'), ...hidden(0, 'OTHER', 'd'), ...hidden(0, 'GOVERNMENT', 'e', 'f'), ...readable(1, 'PHARMA', 2)];
    const table = sectorWide(figuresOf(items, 2), ['GOVERNMENT', 'OTHER', 'PHARMA']);
    expect(tableOf(table)).toEqual([
      { GOVERNMENT: 'suppressed', OTHER: 'suppressed', PHARMA: 3, '*': 6 },
      { GOVERNMENT: 0, OTHER: 0, PHARMA: 2, '*': 2 },
    ]);
    expect(table.keyTotals.get('PHARMA')).toEqual({ count: 5, suppressed: false });
    expect(table.keyTotals.get('OTHER')).toEqual({ count: null, suppressed: true });
    expect(table.total).toEqual({ count: 8, suppressed: false });
  });
});

/**
 * The property the rules exist for: objects of fewer than k organisations tell nothing. Random data
 * sets over a few weeks and sources, with and without additions from one or two organisations of
 * their own (a sector and labels nobody else has), in weeks that hold nothing else unreadable
 * (then nothing may change) and in any week (then no key and no suppression may change unless the
 * addition completes a region of k organisations; only counts that stand on k may change).
 */
describe('SECTOR_WIDE: content of fewer than k organisations changes nothing', () => {
  const KEYS = ['GOVERNMENT', 'HEALTHCARE_PROVIDER', 'PHARMA', 'MEDICAL_DEVICES', 'label-x'];
  const POOL = ['a', 'b', 'c', 'd', 'e', 'f'];

  function randomData(random: (n: number) => number, weeks: number): Item[] {
    return Array.from({ length: random(30) }, () => {
      const keys = [KEYS[1 + random(KEYS.length - 1)]];
      if (random(3) === 0) keys.push('label-y');
      return { week: random(weeks), keys, source: POOL[random(POOL.length)], readable: random(5) === 0 };
    });
  }

  const addition = (random: (n: number) => number, weeks: number[]): Item[] =>
    Array.from({ length: 1 + random(3) }, () => ({ week: weeks[random(weeks.length)], keys: random(2) ? ['GOVERNMENT'] : ['GOVERNMENT', 'gov-secret'], source: random(2) ? 'gov' : 'gov2' }));

  it('leaves the answer unchanged when the weeks it lands in hold nothing else unreadable', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const random = randomSource(seed);
      const weeks = 4;
      const base = randomData(random, weeks).filter((item) => item.readable || item.week !== 0);
      const added = addition(random, [0]);
      expect({ seed, table: sectorWide(figuresOf([...base, ...added], weeks), KEYS.slice(0, 4)) }).toEqual({ seed, table: sectorWide(figuresOf(base, weeks), KEYS.slice(0, 4)) });
    }
  });

  it('changes no key and no suppression elsewhere, unless the addition completes k organisations', () => {
    let compared = 0;
    for (let seed = 1; seed <= 800; seed += 1) {
      const random = randomSource(seed);
      const weeks = 3;
      const base = randomData(random, weeks);
      const added = addition(random, [0, 1, 2]);
      if (completesK(base, added, weeks)) continue;
      compared += 1;
      const before = sectorWide(figuresOf(base, weeks), KEYS.slice(0, 4));
      const after = sectorWide(figuresOf([...base, ...added], weeks), KEYS.slice(0, 4));
      expect({ seed, shape: shapeOf(after) }).toEqual({ seed, shape: shapeOf(before) });
      // The counts may change only where the unreadable part stands on k organisations with and without the addition.
      after.rows.forEach((row, week) => {
        const changed = [...row.groups].filter(([key, count]) => count.count !== before.rows[week].groups.get(key)!.count).map(([key]) => key);
        for (const key of changed) expect({ seed, key, sources: sourcesOf(base, week, key) >= K }).toEqual({ seed, key, sources: true });
      });
    }
    expect(compared).toBeGreaterThan(200);
  });

  /** Whether the addition brings a week's unreadable part, one of its cells, or the rest outside cells of k, to k organisations. */
  function completesK(base: Item[], added: Item[], weeks: number): boolean {
    const all = [...base, ...added];
    for (let week = 0; week < weeks; week += 1) {
      if (!added.some((item) => item.week === week)) continue;
      const crosses = (count: (items: Item[]) => number) => count(base) < K && count(all) >= K;
      if (crosses((items) => sourcesOf(items, week))) return true;
      for (const key of new Set(all.flatMap((item) => item.keys))) if (crosses((items) => sourcesOf(items, week, key))) return true;
      const rest = (items: Item[]) => {
        const big = new Set([...new Set(items.flatMap((item) => item.keys))].filter((key) => sourcesOf(items, week, key) >= K));
        return new Set(items.filter((item) => !item.readable && item.week === week && item.keys.some((key) => !big.has(key))).map((item) => item.source)).size;
      };
      if (crosses(rest)) return true;
    }
    return false;
  }
});

function sourcesOf(items: Item[], week: number, key?: string): number {
  return new Set(items.filter((item) => !item.readable && item.week === week && (key === undefined || item.keys.includes(key))).map((item) => item.source)).size;
}

/** A small deterministic random source (mulberry32), so a failing seed can be replayed. */
function randomSource(seed: number): (n: number) => number {
  let state = seed;
  return (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
