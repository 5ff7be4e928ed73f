import { monthLabel, shownFigure } from './public-summary';

describe('the public impact summary page', () => {
  it('shows withheld figures as withheld, never as zero', () => {
    expect(shownFigure({ count: null, suppressed: true })).toBe('withheld');
    expect(shownFigure(undefined)).toBe('withheld');
    expect(shownFigure({ count: 0, suppressed: false })).toBe('0');
    expect(shownFigure({ count: 1234.5, suppressed: false })).toBe('1,234.5');
  });

  it('names months by year and month', () => {
    expect(monthLabel('2026-03-01T00:00:00.000Z')).toBe('2026-03');
  });
});
