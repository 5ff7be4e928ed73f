import { SqlParams } from '@hub/sharing';
import { Bucket, BucketSize } from '@hub/trend-rules';
import { Dimension, TOTAL_KEY } from './dimensions';

/** The SQL expression for the start of the bucket that holds a `date` column. */
export function bucketOfDay(column: string, size: BucketSize): string {
  switch (size) {
    case 'DAY':
      return column;
    case 'WEEK':
      return `date_trunc('week', ${column})::date`;
    case 'MONTH':
      return `date_trunc('month', ${column})::date`;
  }
}

const isoDay = (time: Date) => time.toISOString().slice(0, 10);

/** First day of the first bucket, and the day after the last one (bucket starts are UTC midnights). */
export function dayRange(buckets: Bucket[]): { from: string; to: string } {
  return { from: isoDay(buckets[0].start), to: isoDay(buckets[buckets.length - 1].end) };
}

export { isoDay };

/** Restricts rows of a trend_object-shaped alias to the object types the grouping counts. */
export function universeCondition(alias: string, dimension: Dimension, params: SqlParams): string {
  return dimension.universe ? ` AND ${alias}.type = ANY(${params.bind(dimension.universe)}::text[])` : '';
}

/**
 * A LATERAL join giving the keys a row of a trend_object-shaped alias counts under for the grouping,
 * plus the bucket's total under TOTAL_KEY. The keys come from the same SQL functions as the rollups.
 */
export function keysLateral(alias: string, dimension: Dimension, params: SqlParams): string {
  if (!dimension.rollupDim) throw new Error('this grouping has no rollup dimension');
  const a = alias;
  return `CROSS JOIN LATERAL (
      SELECT k.key FROM unnest(trend_key_dims(${a}.type, ${a}.labels, ${a}.indicator_types),
                               trend_key_values(${a}.type, ${a}.tlp, ${a}.anonymous, ${a}.labels, ${a}.indicator_types, ${a}.sector, ${a}.kind)) AS k(dim, key)
      WHERE k.dim = ${params.bind(dimension.rollupDim)}
      UNION ALL SELECT ${params.bind(TOTAL_KEY)}::text) AS keys`;
}

/**
 * Selects the grouping's rows and its total in a viewer-independent rollup with (dim, key) columns,
 * and names the total TOTAL_KEY.
 */
export function rollupDimSelection(alias: string, dimension: Dimension, params: SqlParams): { where: string; key: string } {
  const dim = params.bind(dimension.rollupDim);
  const totalDim = params.bind(dimension.rollupTotal.dim);
  const totalKey = params.bind(dimension.rollupTotal.key);
  return {
    where: `(${alias}.dim = ${dim} OR (${alias}.dim = ${totalDim} AND ${alias}.key = ${totalKey}))`,
    key: `CASE WHEN ${alias}.dim = ${dim} THEN ${alias}.key ELSE ${params.bind(TOTAL_KEY)}::text END`,
  };
}
