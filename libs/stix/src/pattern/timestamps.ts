// Calendar checks and ordering for timestamp literals. The lexer already guarantees the
// shape `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with the grammar's digit ranges; the grammar
// still lets through dates such as February 30, which these checks refuse.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function digits(value: string, start: number, length: number): number {
  return Number(value.slice(start, start + length));
}

/**
 * Why a timestamp (already shaped by the lexer) is not a real instant, or undefined
 * when it is one. Second 60 is accepted only at 23:59:60, where leap seconds go.
 */
export function timestampProblem(value: string): string | undefined {
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const daysInMonth = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (daysInMonth === undefined || day < 1 || day > daysInMonth) {
    return `'${value}' is not a calendar date: ${value.slice(0, 7)} has ${daysInMonth ?? 0} days`;
  }
  if (digits(value, 17, 2) === 60 && value.slice(11, 16) !== '23:59') {
    return `'${value}' is not a valid time: second 60 only exists as the leap second 23:59:60`;
  }
  return undefined;
}

/** Fraction digits of a timestamp (`''` when it has none). */
function fraction(value: string): string {
  return value.charCodeAt(19) === 46 ? value.slice(20, value.length - 1) : '';
}

/** Negative when `a` is earlier than `b`, zero when equal, positive when later. */
export function compareTimestamps(a: string, b: string): number {
  // The first 19 chars are fixed-width digits, so string order is time order.
  const wholeA = a.slice(0, 19);
  const wholeB = b.slice(0, 19);
  if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
  const fractionA = fraction(a);
  const fractionB = fraction(b);
  const width = Math.max(fractionA.length, fractionB.length);
  const paddedA = fractionA.padEnd(width, '0');
  const paddedB = fractionB.padEnd(width, '0');
  return paddedA < paddedB ? -1 : paddedA > paddedB ? 1 : 0;
}
