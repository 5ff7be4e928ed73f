import { bucketStart, COMPLETION_GRACE_MS, isComplete, lastCompleteBucket, MAX_BUCKETS, nextBucketStart, previousBucketStart, rangeIssues, wholeBuckets } from './buckets';

const at = (iso: string) => new Date(iso);

describe('bucketStart', () => {
  it('starts a day at midnight UTC', () => {
    expect(bucketStart(at('2026-03-04T23:59:59.999Z'), 'DAY')).toEqual(at('2026-03-04T00:00:00Z'));
  });

  it('starts an ISO week on Monday 00:00 UTC, also for a Sunday', () => {
    expect(bucketStart(at('2026-03-04T12:00:00Z'), 'WEEK')).toEqual(at('2026-03-02T00:00:00Z')); // Wednesday
    expect(bucketStart(at('2026-03-08T23:00:00Z'), 'WEEK')).toEqual(at('2026-03-02T00:00:00Z')); // Sunday
    expect(bucketStart(at('2026-03-02T00:00:00Z'), 'WEEK')).toEqual(at('2026-03-02T00:00:00Z')); // Monday itself
  });

  it('starts a week across a year boundary on the Monday before', () => {
    expect(bucketStart(at('2027-01-01T08:00:00Z'), 'WEEK')).toEqual(at('2026-12-28T00:00:00Z'));
  });

  it('starts a month on the 1st', () => {
    expect(bucketStart(at('2024-02-29T10:00:00Z'), 'MONTH')).toEqual(at('2024-02-01T00:00:00Z'));
  });
});

describe('next and previous buckets', () => {
  it('steps by a day, seven days, or a calendar month', () => {
    expect(nextBucketStart(at('2026-03-31T00:00:00Z'), 'DAY')).toEqual(at('2026-04-01T00:00:00Z'));
    expect(nextBucketStart(at('2026-12-28T00:00:00Z'), 'WEEK')).toEqual(at('2027-01-04T00:00:00Z'));
    expect(nextBucketStart(at('2026-12-01T00:00:00Z'), 'MONTH')).toEqual(at('2027-01-01T00:00:00Z'));
    expect(previousBucketStart(at('2026-01-01T00:00:00Z'), 'MONTH')).toEqual(at('2025-12-01T00:00:00Z'));
    expect(previousBucketStart(at('2026-03-02T00:00:00Z'), 'WEEK')).toEqual(at('2026-02-23T00:00:00Z'));
  });
});

describe('wholeBuckets', () => {
  it('widens a range to whole buckets, with every bucket present', () => {
    const buckets = wholeBuckets(at('2026-03-04T10:00:00Z'), at('2026-03-17T01:00:00Z'), 'WEEK');
    expect(buckets.map((bucket) => bucket.start.toISOString())).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z']);
    expect(buckets[2].end).toEqual(at('2026-03-23T00:00:00Z'));
  });

  it('does not add a bucket when the range ends on a boundary', () => {
    expect(wholeBuckets(at('2026-01-01T00:00:00Z'), at('2026-03-01T00:00:00Z'), 'MONTH')).toHaveLength(2);
  });
});

describe('rangeIssues', () => {
  it('accepts a year of days and refuses more than the limit', () => {
    expect(rangeIssues(at('2025-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'DAY')).toEqual([]);
    expect(rangeIssues(at('2025-01-01T00:00:00Z'), at('2026-01-03T00:00:00Z'), 'DAY')).toEqual([
      { path: 'input.to', message: expect.stringContaining(`more than ${MAX_BUCKETS} DAY buckets`) },
    ]);
  });

  it('wants from before to', () => {
    expect(rangeIssues(at('2026-01-02T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'DAY')).toEqual([{ path: 'input.to', message: 'must be later than from' }]);
    expect(rangeIssues(at('2026-01-01T00:00:00Z'), at('2026-01-01T00:00:00Z'), 'DAY')).toHaveLength(1);
  });

  it('names a time outside 1970 to 9999, which no answer could hold', () => {
    expect(rangeIssues(at('1969-12-31T23:59:59Z'), at('2026-01-01T00:00:00Z'), 'MONTH')).toEqual([{ path: 'input.from', message: 'must be between 1970-01-01 and 9999-01-01' }]);
    expect(rangeIssues(at('9998-12-01T00:00:00Z'), at('9999-01-01T00:00:01Z'), 'DAY')).toEqual([{ path: 'input.to', message: 'must be between 1970-01-01 and 9999-01-01' }]);
    expect(rangeIssues(at('9998-12-01T00:00:00Z'), at('9999-01-01T00:00:00Z'), 'DAY')).toEqual([]);
  });

  it('names an invalid time', () => {
    expect(rangeIssues(new Date(Number.NaN), at('2026-01-01T00:00:00Z'), 'WEEK', 'x')).toEqual([{ path: 'x.from', message: 'is not a valid time' }]);
  });
});

describe('completeness', () => {
  const week = { start: at('2026-03-02T00:00:00Z'), end: at('2026-03-09T00:00:00Z') };

  it('counts a bucket complete once it ended and the grace period passed', () => {
    expect(isComplete(week, at('2026-03-08T23:00:00Z'))).toBe(false);
    expect(isComplete(week, new Date(week.end.getTime() + COMPLETION_GRACE_MS - 1))).toBe(false);
    expect(isComplete(week, new Date(week.end.getTime() + COMPLETION_GRACE_MS))).toBe(true);
  });

  it('takes the last complete bucket before a moment', () => {
    const now = at('2026-03-11T12:00:00Z');
    expect(lastCompleteBucket(now, 'WEEK', now)).toEqual(week);
    expect(lastCompleteBucket(at('2026-03-09T00:00:00Z'), 'WEEK', at('2026-04-01T00:00:00Z'))).toEqual(week);
    // Within the grace period after the boundary, the week just ended is not complete yet.
    expect(lastCompleteBucket(at('2026-03-09T00:01:00Z'), 'WEEK', at('2026-03-09T00:01:00Z')).start).toEqual(at('2026-02-23T00:00:00Z'));
  });
});
