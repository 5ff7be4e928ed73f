import { compareStixTimestamps, formatStixTimestamp, fractionDigits, isStixTimestamp, parseStixTimestamp } from './timestamps';

describe('STIX timestamps', () => {
  it.each(['2016-05-12T08:17:27Z', '2016-05-12T08:17:27.000Z', '2016-05-12T08:17:27.1Z', '2016-05-12T08:17:27.123456789Z', '2024-02-29T23:59:59Z', '2016-12-31T23:59:60Z', '0001-01-01T00:00:00Z'])(
    'accepts %s',
    (value) => {
      expect(isStixTimestamp(value)).toBe(true);
    },
  );

  it.each([
    '2016-05-12T08:17:27',
    '2016-05-12T08:17:27+00:00',
    '2016-05-12 08:17:27Z',
    '2016-05-12T08:17:27.Z',
    '2016-05-12T08:17Z',
    '2016-5-12T08:17:27Z',
    '2016-05-12T08:17:27z',
    '2023-02-29T00:00:00Z',
    '2016-13-01T00:00:00Z',
    '2016-04-31T00:00:00Z',
    '2016-05-12T24:00:00Z',
    '2016-05-12T08:60:00Z',
    '2016-05-12T08:17:61Z',
    '2016-05-12T08:17:27.12aZ',
    '',
  ])('rejects %j', (value) => {
    expect(isStixTimestamp(value)).toBe(false);
  });

  it('rejects values that are not strings', () => {
    expect(isStixTimestamp(1463041047000)).toBe(false);
    expect(isStixTimestamp(new Date())).toBe(false);
  });

  it('counts fraction digits', () => {
    expect(fractionDigits('2016-05-12T08:17:27Z')).toBe(0);
    expect(fractionDigits('2016-05-12T08:17:27.1Z')).toBe(1);
    expect(fractionDigits('2016-05-12T08:17:27.123456Z')).toBe(6);
  });

  it('formats dates with millisecond precision in UTC', () => {
    expect(formatStixTimestamp(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe('2024-01-02T03:04:05.006Z');
    expect(() => formatStixTimestamp(new Date('nonsense'))).toThrow(RangeError);
  });

  it('parses timestamps, including leap seconds', () => {
    expect(parseStixTimestamp('2016-05-12T08:17:27.5Z')?.toISOString()).toBe('2016-05-12T08:17:27.500Z');
    expect(parseStixTimestamp('2016-12-31T23:59:60Z')?.toISOString()).toBe('2016-12-31T23:59:59.999Z');
    expect(parseStixTimestamp('yesterday')).toBeUndefined();
  });

  it('orders timestamps without losing sub-millisecond precision', () => {
    expect(compareStixTimestamps('2016-05-12T08:17:27Z', '2016-05-12T08:17:27.000Z')).toBe(0);
    expect(compareStixTimestamps('2016-05-12T08:17:27.0001Z', '2016-05-12T08:17:27Z')).toBe(1);
    expect(compareStixTimestamps('2016-05-12T08:17:27.1Z', '2016-05-12T08:17:27.0999999Z')).toBe(1);
    expect(compareStixTimestamps('2015-05-12T08:17:27.9Z', '2016-01-01T00:00:00Z')).toBe(-1);
  });
});
