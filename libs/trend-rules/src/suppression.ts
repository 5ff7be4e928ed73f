import { NO_FIGURES, RegionFigures, standsOnK } from './figures';

export type TrendScope = 'READABLE' | 'SECTOR_WIDE';

/** A cell, or a bucket's total: its own figures and, under filters, the regions the filters leave out. */
export interface CellFigures extends RegionFigures {
  /**
   * Regions a second answer could isolate by subtraction: under a filter, what the filter removes
   * (the same cell without the filter, minus this one). It must stand on k sources too, or the cell is withheld.
   */
  guards?: RegionFigures[];
  /**
   * The (internal) ids of the organisations behind `hidden`; needed for cells whose unreadable part
   * comes from fewer than k organisations, to count the distinct sources of the part of a bucket that
   * no shown cell holds. Never leaves the server.
   */
  hiddenSourceIds?: readonly string[];
}

export interface TrendRowFigures {
  start: Date;
  complete: boolean;
  /** Every object of the bucket (within the filters), whatever its group. */
  total: CellFigures;
  /** Every key with something in the bucket, listed in the answer or not. */
  groups: ReadonlyMap<string, CellFigures>;
}

export interface TrendTableFigures {
  scope: TrendScope;
  k: number;
  /**
   * Keys every sector-wide answer lists, whatever the data (the grouping's closed vocabulary:
   * sectors, TLP levels, source kinds, the STIX indicator types, "(none)"). Any other key is listed
   * only when the viewer reads an object of the range that carries it or, in a complete bucket, its
   * unreadable part comes from at least k organisations.
   */
  fixedKeys: readonly string[];
  /** False for keys no unreadable object can have (TLP CLEAR, GREEN and RED): their cells are always exact. */
  canHoldUnreadable: (key: string) => boolean;
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
  /**
   * Sector-wide: the bucket counts unreadable objects (it is complete and they come from at least k
   * organisations). When false, every count of the bucket is what the viewer reads.
   */
  countsUnreadable: boolean;
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
 * docs/trends.md. Whatever the scope, which keys are listed and which counts are suppressed depend
 * only on what the viewer reads and on unreadable parts that come from at least k organisations.
 */
export function publishTrendTable(table: TrendTableFigures): PublishedTable {
  return table.scope === 'READABLE' ? publishReadable(table) : publishSectorWide(table);
}

function publishReadable({ rows }: TrendTableFigures): PublishedTable {
  const keys = keysWhere(rows, (cell) => cell.readable > 0);
  const published = rows.map((row) => ({
    start: row.start,
    complete: row.complete,
    countsUnreadable: false,
    total: shown(row.total.readable),
    groups: new Map(keys.map((key) => [key, shown((row.groups.get(key) ?? NO_FIGURES).readable)])),
  }));
  return withTotals(keys, published);
}

function publishSectorWide(table: TrendTableFigures): PublishedTable {
  const { rows, k, canHoldUnreadable } = table;
  const keys = sectorWideKeys(table);
  const published = rows.map((row): PublishedRow => {
    const decision = decideRow(row, k);
    const cell = (key: string) => row.groups.get(key) ?? NO_FIGURES;
    const publishCell = (key: string): PublishedCount => {
      if (!decision.countsUnreadable || !canHoldUnreadable(key)) return shown(cell(key).readable);
      return decision.shownCells.has(key) ? shown(cell(key).readable + cell(key).hidden) : SUPPRESSED;
    };
    return {
      start: row.start,
      complete: row.complete,
      countsUnreadable: decision.countsUnreadable,
      total: !decision.countsUnreadable ? shown(row.total.readable) : decision.totalShown ? shown(row.total.readable + row.total.hidden) : SUPPRESSED,
      groups: new Map(keys.map((key) => [key, publishCell(key)])),
    };
  });
  return withTotals(keys, published);
}

/**
 * The fixed keys, the keys the viewer reads something in during the range, and the keys whose
 * unreadable part in a complete bucket comes from at least k organisations. A key known only from
 * fewer than k organisations is not listed, and neither is one with nothing in it.
 */
function sectorWideKeys({ rows, k, fixedKeys }: TrendTableFigures): string[] {
  const keys = new Set(fixedKeys);
  for (const row of rows) {
    for (const [key, cell] of row.groups) if (cell.readable > 0 || (row.complete && standsOnK(cell, k))) keys.add(key);
  }
  return [...keys].sort(compareKeys);
}

interface RowDecision {
  countsUnreadable: boolean;
  totalShown: boolean;
  /** Cells shown with their unreadable part; every other cell that can hold one is suppressed. */
  shownCells: ReadonlySet<string>;
}

const NOTHING_UNREADABLE: RowDecision = { countsUnreadable: false, totalShown: true, shownCells: new Set() };

/**
 * Decides a bucket from figures about what the viewer reads and about regions whose unreadable part
 * comes from at least k organisations only (docs/trends.md, "Suppression rules"):
 * - a bucket that is not complete, or whose unreadable part comes from fewer than k organisations,
 *   counts no unreadable object at all: its cells and total are what the viewer reads, not suppressed;
 * - otherwise the total is shown when the part a filter removes from it stands on k too;
 * - a cell is shown with its unreadable part when that part, and the part a filter removes from the
 *   cell, stand on k, and only when the total is shown and the rest of the bucket (the unreadable
 *   objects no such cell holds) stands on k as well: a shown total minus the shown cells is then the
 *   rest, never an unreadable part of fewer than k organisations, nor a telling zero;
 * - every other cell that can hold unreadable objects is suppressed, empty or not.
 */
function decideRow(row: TrendRowFigures, k: number): RowDecision {
  if (!row.complete || !standsOnK(row.total, k)) return NOTHING_UNREADABLE;
  const totalShown = (row.total.guards ?? []).every((guard) => standsOnK(guard, k));
  const passing = new Set<string>();
  for (const [key, cell] of row.groups) {
    if (standsOnK(cell, k) && (cell.guards ?? []).every((guard) => standsOnK(guard, k))) passing.add(key);
  }
  const cellsShown = totalShown && restStandsOnK(row, passing, k);
  return { countsUnreadable: true, totalShown, shownCells: cellsShown ? passing : new Set() };
}

/** Whether the unreadable objects in cells that are not shown come from at least k organisations. */
function restStandsOnK(row: TrendRowFigures, passing: ReadonlySet<string>, k: number): boolean {
  const sources = new Set<string>();
  for (const [key, cell] of row.groups) {
    if (passing.has(key) || cell.hidden === 0) continue;
    // A cell held back by its filter guard alone has k sources of its own.
    if (standsOnK(cell, k)) return true;
    if (!cell.hiddenSourceIds) throw new Error(`the figures of cell "${key}" lack the ids of its unreadable sources`);
    for (const id of cell.hiddenSourceIds) sources.add(id);
    if (sources.size >= k) return true;
  }
  return false;
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
