import { dayBefore } from './profile-part.sql';

describe('the days a profile part covers', () => {
  it('orders days and the bounds PostgreSQL writes for a part not built yet and one built over every bucket', () => {
    expect(dayBefore('2026-09-07', '2026-09-14')).toBe(true);
    expect(dayBefore('2026-09-14', '2026-09-07')).toBe(false);
    expect(dayBefore('2026-09-07', '2026-09-07')).toBe(false);
    // A part not built yet covers nothing: any day comes before.
    expect(dayBefore('9998-12-28', 'infinity')).toBe(true);
    expect(dayBefore('infinity', 'infinity')).toBe(false);
    // A part built over every bucket (before parts had a first day) is never widened.
    expect(dayBefore('1970-01-01', '-infinity')).toBe(false);
    expect(dayBefore('-infinity', '1970-01-01')).toBe(true);
  });
});
