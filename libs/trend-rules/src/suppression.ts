import { hiddenPartSafe, NO_FIGURES, RegionFigures } from './figures';

export type TrendScope = 'READABLE' | 'SECTOR_WIDE';

/** A cell, or a bucket's total: its own figures and, under filters, the regions the filters leave out. */
export interface CellFigures extends RegionFigures {
  /**
   * Regions a second answer could isolate by subtraction: under a filter, what the filter removes
   * (the same cell without the filter, minus this one). It must be safe too, or the cell is withheld.
   */
  guards?: RegionFigures[];
}

export interface TrendRowFigures {
  start: Date;
  complete: boolean;
  /** Every object of the bucket (within the filters), whatever its group. */
  total: CellFigures;
  groups: ReadonlyMap<string, CellFigures>;
}

export interface TrendTableFigures {
  scope: TrendScope;
  k: number;
  /**
   * Whether a key is free text (a label, a malware name, a custom type…), which is itself content:
   * such a key is only shown when the viewer could know it.
   */
  isFreeText: (key: string) => boolean;
  rows: TrendRowFigures[];
}

export interface PublishedCount {
  /** null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

export interface PublishedRow {
  start: Date;
  complete: boolean;
  total: PublishedCount;
  /** One entry per key of the table, in key order; zero where the bucket has nothing for the key. */
  groups: Map<string, PublishedCount>;
}

export interface PublishedTable {
  keys: string[];
  rows: PublishedRow[];
  /** Per key, over every bucket. */
  keyTotals: Map<string, PublishedCount>;
  /** Every object over every bucket. */
  total: PublishedCount;
}

export const SUPPRESSED: PublishedCount = Object.freeze({ count: null, suppressed: true });

const shown = (count: number): PublishedCount => ({ count, suppressed: false });

/**
 * Turns the database's figures into what the viewer is shown. READABLE: exact counts of what the
 * viewer may read. SECTOR_WIDE: readable plus unreadable AMBER counts, under the rules of
 * docs/trends.md (k distinct sources, all or nothing per bucket, filters, incomplete buckets).
 */
export function publishTrendTable(table: TrendTableFigures): PublishedTable {
  return table.scope === 'READABLE' ? publishReadable(table) : publishSectorWide(table);
}

function publishReadable({ rows }: TrendTableFigures): PublishedTable {
  const keys = keysWhere(rows, (cell) => cell.readable > 0);
  const published = rows.map((row) => ({
    start: row.start,
    complete: row.complete,
    total: shown(row.total.readable),
    groups: new Map(keys.map((key) => [key, shown((row.groups.get(key) ?? NO_FIGURES).readable)])),
  }));
  return withTotals(keys, published);
}

function publishSectorWide({ rows, k, isFreeText }: TrendTableFigures): PublishedTable {
  const candidateKeys = keysWhere(rows, (cell) => cell.readable > 0 || cell.hidden > 0);
  const decisions = rows.map((row) => decideRow(row, candidateKeys, k));
  const keys = candidateKeys.filter((key) => !isFreeText(key) || viewerCouldKnow(key, rows, decisions));
  const published = rows.map((row, index) => {
    const decision = decisions[index];
    const publish = (cell: CellFigures, suppressed: boolean) => (suppressed ? SUPPRESSED : shown(cell.readable + cell.hidden));
    return {
      start: row.start,
      complete: row.complete,
      total: publish(row.total, decision.totalSuppressed),
      groups: new Map(keys.map((key) => [key, publish(row.groups.get(key) ?? NO_FIGURES, decision.suppressed.has(key))])),
    };
  });
  return withTotals(keys, published);
}

interface RowDecision {
  totalSuppressed: boolean;
  suppressed: Set<string>;
}

/**
 * All or nothing per bucket: when any cell of the bucket must be withheld, every cell of the bucket
 * with an unreadable part is suppressed. A shown total minus the shown cells is then the whole
 * unreadable part of the bucket (which passed the k rule with the total), and no pair of answers can
 * isolate one suppressed cell: choosing a few "complementary" cells per answer does not survive a
 * second answer in which the complementary cell stands alone.
 */
function decideRow(row: TrendRowFigures, keys: string[], k: number): RowDecision {
  const cell = (key: string) => row.groups.get(key) ?? NO_FIGURES;
  const withholdAny = keys.some((key) => mustWithhold(cell(key), k, row.complete));
  const suppressed = new Set(withholdAny ? keys.filter((key) => cell(key).hidden > 0) : []);
  // The total depends on its own figures only, so every grouping of the same bucket agrees on it.
  return { totalSuppressed: mustWithhold(row.total, k, row.complete), suppressed };
}

/**
 * Primary suppression: an unreadable part from fewer than k organisations, in the region itself or
 * in the part a filter leaves out of it. A bucket that is not complete yet withholds every
 * unreadable part, or asking twice a minute apart would reveal single new submissions.
 */
function mustWithhold(cell: CellFigures, k: number, complete: boolean): boolean {
  const regions = [cell, ...(cell.guards ?? [])];
  if (!complete) return regions.some((region) => region.hidden > 0);
  return regions.some((region) => !hiddenPartSafe(region, k));
}

/**
 * A free-text key is shown only when the viewer can read an object of the range that carries it,
 * or when at least one of its cells passed the k rule.
 */
function viewerCouldKnow(key: string, rows: TrendRowFigures[], decisions: RowDecision[]): boolean {
  return rows.some((row, index) => {
    const cell = row.groups.get(key);
    if (!cell) return false;
    return cell.readable > 0 || (cell.hidden > 0 && !decisions[index].suppressed.has(key));
  });
}

/**
 * Totals over the range add up shown buckets only: a key's total, or the grand total, is suppressed
 * as soon as one of its buckets is, so a total never reveals a suppressed bucket.
 */
function withTotals(keys: string[], rows: PublishedRow[]): PublishedTable {
  const sum = (counts: PublishedCount[]) => (counts.some((count) => count.suppressed) ? SUPPRESSED : shown(counts.reduce((total, count) => total + (count.count ?? 0), 0)));
  return {
    keys,
    rows,
    keyTotals: new Map(keys.map((key) => [key, sum(rows.map((row) => row.groups.get(key)!))])),
    total: sum(rows.map((row) => row.total)),
  };
}

function keysWhere(rows: TrendRowFigures[], present: (cell: CellFigures) => boolean): string[] {
  const keys = new Set<string>();
  for (const row of rows) {
    for (const [key, cell] of row.groups) if (present(cell)) keys.add(key);
  }
  return [...keys].sort(compareKeys);
}

/** Keys in a fixed order that says nothing about counts (ordering by size would rank suppressed cells). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
