import { RegionFigures } from './figures';
import { CellFigures, publishTrendTable, PublishedTable, TrendRowFigures, TrendTableFigures } from './suppression';

const K = 3;
const start = new Date('2026-03-02T00:00:00Z');

const cell = (readable: number, hidden = 0, hiddenSources = 0, guards?: RegionFigures[]): CellFigures => ({ readable, hidden, hiddenSources, guards });

function row(total: CellFigures, groups: Record<string, CellFigures>, complete = true, at = start): TrendRowFigures {
  return { start: at, complete, total, groups: new Map(Object.entries(groups)) };
}

const NOT_FREE_TEXT = () => false;
const FREE_TEXT = () => true;

function sectorWide(rows: TrendRowFigures[], isFreeText: (key: string) => boolean = NOT_FREE_TEXT): PublishedTable {
  return publishTrendTable({ scope: 'SECTOR_WIDE', k: K, isFreeText, rows } satisfies TrendTableFigures);
}

const countsOf = (table: PublishedTable, index = 0) => Object.fromEntries([...table.rows[index].groups].map(([key, value]) => [key, value.count]));

describe('READABLE', () => {
  it('shows exact readable counts, never suppresses, and ignores what the viewer cannot read', () => {
    const table = publishTrendTable({
      scope: 'READABLE',
      k: K,
      isFreeText: NOT_FREE_TEXT,
      rows: [row(cell(5, 9, 1), { indicator: cell(4, 9, 1), malware: cell(1) }), row(cell(2), { indicator: cell(2), tool: cell(0, 4, 4) })],
    });
    expect(table.keys).toEqual(['indicator', 'malware']);
    expect(countsOf(table, 0)).toEqual({ indicator: 4, malware: 1 });
    expect(countsOf(table, 1)).toEqual({ indicator: 2, malware: 0 });
    expect(table.rows[0].total).toEqual({ count: 5, suppressed: false });
    expect(table.keyTotals.get('indicator')).toEqual({ count: 6, suppressed: false });
    expect(table.total).toEqual({ count: 7, suppressed: false });
  });
});

describe('SECTOR_WIDE: the k threshold', () => {
  it('suppresses an unreadable part from k-1 organisations and shows one from k', () => {
    const later = new Date('2026-03-09T00:00:00Z');
    const table = sectorWide([row(cell(1, 2, 2), { a: cell(1, 2, 2) }), row(cell(7, 4, 3), { a: cell(7, 4, 3) }, true, later)]);
    expect(table.rows[0].groups.get('a')).toEqual({ count: null, suppressed: true });
    expect(table.rows[1].groups.get('a')).toEqual({ count: 11, suppressed: false });
  });

  it('shows a cell with nothing unreadable exactly, whatever its number of sources', () => {
    const table = sectorWide([row(cell(3), { a: cell(3) })]);
    expect(table.rows[0].groups.get('a')).toEqual({ count: 3, suppressed: false });
  });

  it('suppresses the total on its own figures', () => {
    const table = sectorWide([row(cell(1, 2, 1), { a: cell(1, 2, 1) })]);
    expect(table.rows[0].total.suppressed).toBe(true);
    expect(table.total.suppressed).toBe(true);
  });
});

describe('SECTOR_WIDE: all or nothing per bucket', () => {
  it('suppresses every cell with an unreadable part once one cell must be withheld, and keeps readable-only cells', () => {
    const table = sectorWide([row(cell(10, 20, 8), { a: cell(1, 1, 1), b: cell(2, 9, 4), c: cell(3, 5, 3), d: cell(4, 0, 0), e: cell(0, 5, 5) })]);
    expect(countsOf(table)).toEqual({ a: null, b: null, c: null, d: 4, e: null });
    expect(table.rows[0].total).toEqual({ count: 30, suppressed: false });
  });

  it('suppresses the cells when only the part a filter leaves out of one of them is unsafe', () => {
    const guardFails = [{ readable: 0, hidden: 1, hiddenSources: 1 }];
    const table = sectorWide([row(cell(3, 15, 9), { a: cell(1, 7, 4), b: cell(1, 6, 4, guardFails), c: cell(1, 2, 0) })]);
    expect(countsOf(table)).toEqual({ a: null, b: null, c: null });
  });

  it('shows every cell when each stands on k organisations', () => {
    const table = sectorWide([row(cell(1, 12, 5), { a: cell(0, 3, 3), b: cell(1, 9, 4) })]);
    expect(countsOf(table)).toEqual({ a: 3, b: 10 });
  });

  it('never lets a shown total minus the shown cells stand on fewer than k sources, nor single out one suppressed cell', () => {
    const shapes = [0, 1, 2, 3, 5];
    for (const a of shapes) {
      for (const b of shapes) {
        for (const c of shapes) {
          const groups = { a: cell(1, a, a), b: cell(1, b, b), c: cell(1, c, c) };
          const table = sectorWide([row(cell(3, a + b + c, a + b + c), groups)]);
          const suppressed = Object.entries(groups).filter(([key]) => table.rows[0].groups.get(key)!.suppressed);
          if (table.rows[0].total.suppressed || !suppressed.length) continue;
          // Every unreadable object is in the suppressed cells: their sum is the total's unreadable part, which passed.
          expect(suppressed.reduce((sum, [, figures]) => sum + figures.hidden, 0)).toBe(a + b + c);
        }
      }
    }
  });
});

describe('SECTOR_WIDE: totals over the range', () => {
  it('sums a key or the grand total only when every bucket is shown', () => {
    const later = new Date('2026-03-09T00:00:00Z');
    const table = sectorWide([
      row(cell(2, 6, 3), { a: cell(1, 3, 3), b: cell(1, 3, 3) }),
      row(cell(2, 4, 3), { a: cell(1, 1, 1), b: cell(1, 3, 3) }, true, later),
      row(cell(1, 0, 0), { a: cell(1) }, true, new Date('2026-03-16T00:00:00Z')),
    ]);
    expect(table.keyTotals.get('a')).toEqual({ count: null, suppressed: true });
    // b is suppressed in the second bucket with a, so its total is withheld as well.
    expect(table.rows[1].groups.get('b')!.suppressed).toBe(true);
    expect(table.keyTotals.get('b')!.suppressed).toBe(true);
    expect(table.total).toEqual({ count: 15, suppressed: false });
  });
});

describe('SECTOR_WIDE: filters', () => {
  it('suppresses the total when the part the filter leaves out comes from fewer than k organisations', () => {
    const table = sectorWide([row(cell(0, 9, 5, [{ readable: 0, hidden: 1, hiddenSources: 1 }]), { a: cell(0, 9, 5, [{ readable: 0, hidden: 0, hiddenSources: 0 }]) })]);
    expect(table.rows[0].total.suppressed).toBe(true);
    expect(table.rows[0].groups.get('a')!.suppressed).toBe(false);
  });
});

describe('SECTOR_WIDE: incomplete buckets', () => {
  it('withholds every unreadable part until the bucket is complete, and shows readable-only cells', () => {
    const table = sectorWide([row(cell(3, 10, 9), { a: cell(1, 10, 9), b: cell(2) }, false)]);
    expect(countsOf(table)).toEqual({ a: null, b: 2 });
    expect(table.rows[0].total.suppressed).toBe(true);
  });
});

describe('SECTOR_WIDE: free-text keys', () => {
  it('hides a label known only from objects the viewer cannot read until one of its cells passes k', () => {
    const later = new Date('2026-03-09T00:00:00Z');
    const secretOnly = sectorWide([row(cell(1, 1, 1), { 'acme-breach': cell(0, 1, 1), known: cell(1) })], FREE_TEXT);
    expect(secretOnly.keys).toEqual(['known']);

    const sectorWideTerm = sectorWide([row(cell(0, 9, 3), { ransomware: cell(0, 9, 3) }), row(cell(0, 1, 1), { ransomware: cell(0, 1, 1) }, true, later)], FREE_TEXT);
    expect(sectorWideTerm.keys).toEqual(['ransomware']);
    expect(sectorWideTerm.rows[1].groups.get('ransomware')!.suppressed).toBe(true);
  });

  it('keeps a label the viewer can read', () => {
    expect(sectorWide([row(cell(1, 1, 1), { mine: cell(1, 1, 1) })], FREE_TEXT).keys).toEqual(['mine']);
  });
});
