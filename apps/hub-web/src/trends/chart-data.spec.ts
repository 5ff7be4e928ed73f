import { axisTicks, briefingCsv, cellOf, csvField, exportName, largestShown, sightingSeries, toCsv, toSeries, TOTAL_KEY } from './chart-data';
import type { Report } from './chart-data';

const week = (start: string, end: string, total: { count: number | null; suppressed: boolean }, groups: { key: string; count: number | null; suppressed: boolean }[]) => ({
  start,
  end,
  complete: true,
  countsUnreadable: total.suppressed || groups.some((group) => group.suppressed),
  total,
  groups,
});

const report: Report = {
  bucket: 'WEEK',
  groupBy: 'SECTOR',
  scope: 'SECTOR_WIDE',
  k: 3,
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-16T00:00:00.000Z',
  buckets: [
    week('2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z', { count: 4, suppressed: false }, [
      { key: 'GOVERNMENT', count: 0, suppressed: false },
      { key: 'PHARMA', count: 4, suppressed: false },
    ]),
    week('2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z', { count: 9, suppressed: false }, [
      { key: 'GOVERNMENT', count: null, suppressed: true },
      { key: 'PHARMA', count: null, suppressed: true },
    ]),
  ],
  total: { count: 13, suppressed: false },
  totals: [
    { key: 'GOVERNMENT', count: null, suppressed: true },
    { key: 'PHARMA', count: null, suppressed: true },
  ],
};

describe('trend chart data', () => {
  it('makes the total series and one series per group, in the answer order', () => {
    const series = toSeries(report);
    expect(series.map((one) => one.key)).toEqual([TOTAL_KEY, 'GOVERNMENT', 'PHARMA']);
    expect(series[0].points.map((point) => point.cell)).toEqual([
      { kind: 'count', value: 4 },
      { kind: 'count', value: 9 },
    ]);
    expect(series[0].rangeTotal).toEqual({ kind: 'count', value: 13 });
  });

  it('keeps a suppressed cell distinct from a zero', () => {
    const government = toSeries(report)[1];
    expect(government.points.map((point) => point.cell)).toEqual([{ kind: 'count', value: 0 }, { kind: 'suppressed' }]);
    expect(government.rangeTotal).toEqual({ kind: 'suppressed' });
  });

  it('refuses a count that is neither shown nor suppressed rather than drawing it as 0', () => {
    expect(() => cellOf({ count: null, suppressed: false })).toThrow();
  });

  it('scales the axis to shown counts only', () => {
    expect(largestShown(toSeries(report))).toBe(9);
    expect(largestShown([{ key: 'x', rangeTotal: { kind: 'suppressed' }, points: [] }])).toBe(1);
    expect(axisTicks(9)).toEqual([0, 5, 10]);
    expect(axisTicks(1)).toEqual([0, 1]);
    expect(axisTicks(120)).toEqual([0, 50, 100, 150]);
  });

  it('writes CSV with suppressed cells as suppressed, not as 0', () => {
    const lines = toCsv(report).trimEnd().split('\r\n');
    expect(lines[0]).toBe('bucket_start,bucket_end,complete,counts_unreadable,group_by,group,count,suppressed,scope,k');
    expect(lines).toContain('2026-11-02T00:00:00.000Z,2026-11-09T00:00:00.000Z,true,false,SECTOR,GOVERNMENT,0,false,SECTOR_WIDE,3');
    expect(lines).toContain('2026-11-09T00:00:00.000Z,2026-11-16T00:00:00.000Z,true,true,SECTOR,GOVERNMENT,,true,SECTOR_WIDE,3');
    expect(lines).toHaveLength(1 + 3 * 2);
  });

  it('escapes CSV fields: separators, quotes, line breaks and formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+1')).toBe("'-1+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField(-1)).toBe('-1');
    expect(csvField(false)).toBe('false');
  });

  it('a label key with a comma stays one field', () => {
    const labelled: Report = { ...report, groupBy: 'LABEL', buckets: [week(report.buckets[0].start, report.buckets[0].end, { count: 1, suppressed: false }, [{ key: 'a,b', count: 1, suppressed: false }])], totals: [{ key: 'a,b', count: 1, suppressed: false }] };
    expect(toCsv(labelled)).toContain(',LABEL,"a,b",1,false,');
  });

  it('names exports after the question', () => {
    expect(exportName(report, 'All objects')).toBe('trends-sector_wide-sector-2026-11-02-2026-11-16-all_objects');
  });
});

describe('briefing figures', () => {
  const briefing = {
    scope: 'SECTOR_WIDE' as const,
    k: 3,
    groupBy: 'LABEL' as const,
    period: { start: '2026-11-23T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z' },
    sightingsPerWeek: [
      { start: '2026-11-16T00:00:00.000Z', count: 0, suppressed: false },
      { start: '2026-11-23T00:00:00.000Z', count: null, suppressed: true },
    ],
    rising: [{ key: '=cmd', previous: 1, current: 3, change: 2, changeRatio: 2 }],
    indicatorValidity: { indicators: 4, valid: 3, share: 0.75 },
    timeToFirstSighting: { medianHours: null, sightedIndicators: 0 },
  };

  it('keeps a suppressed week of sightings suppressed, and the range with it', () => {
    const series = sightingSeries(briefing, Date.parse('2026-12-06T00:00:00Z'));
    expect(series.points.map((point) => point.cell)).toEqual([{ kind: 'count', value: 0 }, { kind: 'suppressed' }]);
    expect(series.points[1].end).toBe('2026-11-30T00:00:00.000Z');
    expect(series.rangeTotal).toEqual({ kind: 'suppressed' });
  });

  it('writes the figures as CSV, escaped, with suppressed weeks empty', () => {
    const lines = briefingCsv(briefing).trimEnd().split('\r\n');
    expect(lines).toContain(`rising LABEL,'=cmd,1,3,false,2026-11-23T00:00:00.000Z,2026-11-30T00:00:00.000Z,SECTOR_WIDE,3`);
    expect(lines).toContain('sightings per week,2026-11-23T00:00:00.000Z,,,true,2026-11-23T00:00:00.000Z,2026-11-30T00:00:00.000Z,SECTOR_WIDE,3');
    expect(lines).toContain('first sighting,median hours,,,false,2026-11-23T00:00:00.000Z,2026-11-30T00:00:00.000Z,SECTOR_WIDE,3');
  });
});
