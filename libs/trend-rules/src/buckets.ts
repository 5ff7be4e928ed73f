/** How long one bucket of a trend lasts. All buckets are in UTC. */
export type BucketSize = 'DAY' | 'WEEK' | 'MONTH';

/** The most buckets one answer may hold (a year of days, seven years of weeks, thirty years of months). */
export const MAX_BUCKETS = 366;

/**
 * A bucket counts as complete this long after its end. Objects are stamped with the time the hub
 * received them inside a transaction that commits a moment later, so a bucket that has just ended
 * may still grow by a few objects.
 */
export const COMPLETION_GRACE_MS = 5 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The start of the bucket that contains `time`: midnight, Monday midnight (ISO week) or the 1st of the month, in UTC. */
export function bucketStart(time: Date, size: BucketSize): Date {
  const midnight = Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate());
  switch (size) {
    case 'DAY':
      return new Date(midnight);
    case 'WEEK': {
      const daysSinceMonday = (time.getUTCDay() + 6) % 7;
      return new Date(midnight - daysSinceMonday * DAY_MS);
    }
    case 'MONTH':
      return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), 1));
  }
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucketStart(start: Date, size: BucketSize): Date {
  switch (size) {
    case 'DAY':
      return new Date(start.getTime() + DAY_MS);
    case 'WEEK':
      return new Date(start.getTime() + 7 * DAY_MS);
    case 'MONTH':
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  }
}

export function previousBucketStart(start: Date, size: BucketSize): Date {
  switch (size) {
    case 'DAY':
      return new Date(start.getTime() - DAY_MS);
    case 'WEEK':
      return new Date(start.getTime() - 7 * DAY_MS);
    case 'MONTH':
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 1));
  }
}

export interface Bucket {
  start: Date;
  end: Date;
}

/**
 * The whole buckets that cover [from, to): `from` moves back to the start of its bucket and `to`
 * forward to the end of its bucket. Answers never hold part of a bucket, so two questions about
 * ranges that differ by an hour cannot be subtracted to isolate that hour.
 */
export function wholeBuckets(from: Date, to: Date, size: BucketSize): Bucket[] {
  const buckets: Bucket[] = [];
  for (let start = bucketStart(from, size); start < to; start = nextBucketStart(start, size)) {
    buckets.push({ start, end: nextBucketStart(start, size) });
  }
  return buckets;
}

/** How many whole buckets cover [from, to), without building them (stops counting past the limit). */
export function countBuckets(from: Date, to: Date, size: BucketSize, stopAfter = MAX_BUCKETS + 1): number {
  let count = 0;
  for (let start = bucketStart(from, size); start < to && count < stopAfter; start = nextBucketStart(start, size)) count += 1;
  return count;
}

/** A bucket is complete once it has ended and the grace period has passed. */
export function isComplete(bucket: Bucket, now: Date): boolean {
  return bucket.end.getTime() + COMPLETION_GRACE_MS <= now.getTime();
}

/** The last complete bucket that ends at or before `at`. */
export function lastCompleteBucket(at: Date, size: BucketSize, now: Date): Bucket {
  const limit = new Date(Math.min(at.getTime(), now.getTime() - COMPLETION_GRACE_MS));
  // The bucket containing `limit` has not ended by then; the one before it has (also when `limit` is a boundary).
  const start = previousBucketStart(bucketStart(limit, size), size);
  return { start, end: nextBucketStart(start, size) };
}

/**
 * The times a trends question may name. The hub counts objects by the time it received them, so
 * nothing lies before 1970; and past year 9999 a time has no four-digit ISO date (nor, before year 1,
 * one PostgreSQL reads).
 */
export const EARLIEST_TIME = new Date('1970-01-01T00:00:00Z');
export const LATEST_TIME = new Date('9999-01-01T00:00:00Z');

const outsideTimes = (time: Date) => time < EARLIEST_TIME || time > LATEST_TIME;
const TIMES_MESSAGE = `must be between ${EARLIEST_TIME.toISOString().slice(0, 10)} and ${LATEST_TIME.toISOString().slice(0, 10)}`;

export interface RangeIssue {
  path: string;
  message: string;
}

/** What is wrong with a requested range, as field issues; empty when it can be answered. */
export function rangeIssues(from: Date, to: Date, size: BucketSize, pathPrefix = 'input'): RangeIssue[] {
  if (Number.isNaN(from.getTime())) return [{ path: `${pathPrefix}.from`, message: 'is not a valid time' }];
  if (Number.isNaN(to.getTime())) return [{ path: `${pathPrefix}.to`, message: 'is not a valid time' }];
  if (outsideTimes(from)) return [{ path: `${pathPrefix}.from`, message: TIMES_MESSAGE }];
  if (outsideTimes(to)) return [{ path: `${pathPrefix}.to`, message: TIMES_MESSAGE }];
  if (from >= to) return [{ path: `${pathPrefix}.to`, message: 'must be later than from' }];
  const count = countBuckets(from, to, size);
  if (count > MAX_BUCKETS) {
    return [{ path: `${pathPrefix}.to`, message: `the range holds more than ${MAX_BUCKETS} ${size} buckets; ask for a shorter range or a larger bucket` }];
  }
  return [];
}
