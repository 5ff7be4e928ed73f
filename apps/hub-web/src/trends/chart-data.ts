import type { TrendBucket, TrendCount, TrendGroup, TrendReport } from '../api/schema-types';

/**
 * Shaping of a trends answer into what the charts, the table and the CSV show. A suppressed count
 * stays a value of its own all the way to the screen: it is never 0, never left out, never summed.
 */

export type Cell = { kind: 'count'; value: number } | { kind: 'suppressed' };

export interface Point {
  start: string;
  end: string;
  complete: boolean;
  countsUnreadable: boolean;
  cell: Cell;
}

export interface Series {
  /** The group key; TOTAL_KEY for the bucket totals. */
  key: string;
  points: Point[];
  /** Over the whole range. */
  rangeTotal: Cell;
}

export const TOTAL_KEY = 'All objects';
export const SUPPRESSED_LABEL = 'suppressed (fewer than k sources)';

export type ReportBucket = Pick<TrendBucket, 'start' | 'end' | 'complete' | 'countsUnreadable'> & {
  total: Pick<TrendCount, 'count' | 'suppressed'>;
  groups: Pick<TrendGroup, 'key' | 'count' | 'suppressed'>[];
};

export type Report = Pick<TrendReport, 'bucket' | 'groupBy' | 'scope' | 'k' | 'from' | 'to'> & {
  buckets: ReportBucket[];
  total: Pick<TrendCount, 'count' | 'suppressed'>;
  totals: Pick<TrendGroup, 'key' | 'count' | 'suppressed'>[];
};

export function cellOf(count: { count?: number | null; suppressed: boolean }): Cell {
  if (count.suppressed) return { kind: 'suppressed' };
  // The server gives a count whenever it does not suppress; a missing one is a fault, not a zero.
  if (typeof count.count !== 'number') throw new Error('A count that is not suppressed came without a number');
  return { kind: 'count', value: count.count };
}

/** The total series first, then one series per group key in the answer's order. */
export function toSeries(report: Report): Series[] {
  const point = (bucket: ReportBucket, count: { count?: number | null; suppressed: boolean }): Point => ({
    start: bucket.start,
    end: bucket.end,
    complete: bucket.complete,
    countsUnreadable: bucket.countsUnreadable,
    cell: cellOf(count),
  });
  const keys = report.totals.map((group) => group.key);
  for (const bucket of report.buckets) for (const group of bucket.groups) if (!keys.includes(group.key)) keys.push(group.key);
  const totalSeries: Series = { key: TOTAL_KEY, points: report.buckets.map((bucket) => point(bucket, bucket.total)), rangeTotal: cellOf(report.total) };
  const groupSeries = keys.map((key): Series => {
    const rangeTotal = report.totals.find((group) => group.key === key);
    return {
      key,
      points: report.buckets.map((bucket) => {
        const group = bucket.groups.find((candidate) => candidate.key === key);
        // A key the bucket does not list has nothing in it (the server lists every key of the answer
        // in every bucket; this only guards an older answer).
        return point(bucket, group ?? { count: 0, suppressed: false });
      }),
      rangeTotal: rangeTotal ? cellOf(rangeTotal) : { kind: 'suppressed' },
    };
  });
  return [totalSeries, ...groupSeries];
}

/** The largest shown count (suppressed cells carry none), at least 1 so that an axis has a height. */
export function largestShown(series: Series[]): number {
  let largest = 1;
  for (const one of series) for (const point of one.points) if (point.cell.kind === 'count') largest = Math.max(largest, point.cell.value);
  return largest;
}

/** Round axis steps: 1, 2 or 5 times a power of ten, about `count` of them up to at least `max`. */
export function axisTicks(max: number, count = 4): number[] {
  const rough = Math.max(max, 1) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const wholeStep = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let value = 0; ticks.length === 0 || ticks[ticks.length - 1] < max; value += wholeStep) ticks.push(value);
  return ticks;
}

export function cellText(cell: Cell): string {
  return cell.kind === 'suppressed' ? SUPPRESSED_LABEL : String(cell.value);
}

/** "2026-11-02" for a bucket start (UTC, as the buckets are). */
export function bucketLabel(start: string, bucket: Report['bucket']): string {
  const day = start.slice(0, 10);
  return bucket === 'MONTH' ? day.slice(0, 7) : day;
}

/**
 * One CSV field. Quoted when it holds a separator, a quote or a line break; a field that a
 * spreadsheet would run as a formula (= + - @, tab, carriage return first) is prefixed with a
 * quote mark, since group keys are labels anyone may write.
 */
export function csvField(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: (string | number | boolean)[]): string {
  return values.map(csvField).join(',');
}

/**
 * The figures of an answer as CSV: one row per bucket and group (the total as group "All objects"),
 * a suppressed count as an empty count with suppressed=true, never 0.
 */
export function toCsv(report: Report): string {
  const header = ['bucket_start', 'bucket_end', 'complete', 'counts_unreadable', 'group_by', 'group', 'count', 'suppressed', 'scope', 'k'];
  const rows = [csvRow(header)];
  for (const series of toSeries(report)) {
    for (const point of series.points) {
      const count = point.cell.kind === 'count' ? point.cell.value : '';
      rows.push(
        csvRow([point.start, point.end, point.complete, point.countsUnreadable, report.groupBy, series.key, count, point.cell.kind === 'suppressed', report.scope, report.k]),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** A file name of the answer's question, safe on every system. */
export function exportName(report: Pick<Report, 'groupBy' | 'scope' | 'from' | 'to'>, series?: string): string {
  const parts = ['trends', report.scope, report.groupBy, report.from.slice(0, 10), report.to.slice(0, 10)];
  if (series) parts.push(series);
  return parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '_');
}

const WEEK_MS = 7 * 86_400_000;

export interface BriefingFigures {
  scope: Report['scope'];
  k: number;
  groupBy: Report['groupBy'];
  period: { start: string; end: string };
  sightingsPerWeek: { start: string; count?: number | null; suppressed: boolean }[];
  rising: { key: string; previous: number; current: number; change: number; changeRatio?: number | null }[];
  indicatorValidity: { indicators: number; valid: number; share?: number | null };
  timeToFirstSighting: { medianHours?: number | null; sightedIndicators: number };
}

/** The briefing's sightings per ISO week as a series (the last week may still be running). */
export function sightingSeries(briefing: Pick<BriefingFigures, 'sightingsPerWeek'>, now = Date.now()): Series {
  const points = briefing.sightingsPerWeek.map((point): Point => {
    const end = new Date(Date.parse(point.start) + WEEK_MS).toISOString();
    return { start: point.start, end, complete: Date.parse(end) <= now, countsUnreadable: false, cell: cellOf(point) };
  });
  const suppressed = points.some((point) => point.cell.kind === 'suppressed');
  const sum = points.reduce((total, point) => total + (point.cell.kind === 'count' ? point.cell.value : 0), 0);
  return { key: 'Sightings', points, rangeTotal: suppressed ? { kind: 'suppressed' } : { kind: 'count', value: sum } };
}

/** The briefing's figures as CSV, one row per figure (section, key, value), suppressed never as 0. */
export function briefingCsv(briefing: BriefingFigures): string {
  const rows = [csvRow(['section', 'key', 'previous', 'value', 'suppressed', 'period_start', 'period_end', 'scope', 'k'])];
  const row = (section: string, key: string, previous: number | string, value: number | string, suppressed = false) =>
    rows.push(csvRow([section, key, previous, value, suppressed, briefing.period.start, briefing.period.end, briefing.scope, briefing.k]));
  for (const group of briefing.rising) row(`rising ${briefing.groupBy}`, group.key, group.previous, group.current);
  for (const point of briefing.sightingsPerWeek) row('sightings per week', point.start, '', point.suppressed ? '' : (point.count ?? ''), point.suppressed);
  row('indicators', 'received', '', briefing.indicatorValidity.indicators);
  row('indicators', 'still valid', '', briefing.indicatorValidity.valid);
  row('first sighting', 'sighted indicators', '', briefing.timeToFirstSighting.sightedIndicators);
  row('first sighting', 'median hours', '', briefing.timeToFirstSighting.medianHours ?? '');
  return `${rows.join('\r\n')}\r\n`;
}
