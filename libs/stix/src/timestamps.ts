// STIX 2.1 timestamps (spec section 2.13): RFC 3339 date-times in UTC, always written with a capital `Z`,
// with an optional fraction of a second of any length.

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The number written by `length` ASCII digits at `start`, or -1 if any of them is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const HYPHEN = 45;
const COLON = 58;
const DOT = 46;
const LETTER_T = 84;
const LETTER_Z = 90;

/**
 * True when `value` is a STIX timestamp such as `2016-05-12T08:17:27.000Z` that names a real instant:
 * `YYYY-MM-DDTHH:mm:ss[.fraction]Z`. Validation sits on the hot path of every object, hence no regex.
 */
export function isStixTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const length = value.length;
  if (length < 20 || value.charCodeAt(length - 1) !== LETTER_Z) return false;
  if (
    value.charCodeAt(4) !== HYPHEN ||
    value.charCodeAt(7) !== HYPHEN ||
    value.charCodeAt(10) !== LETTER_T ||
    value.charCodeAt(13) !== COLON ||
    value.charCodeAt(16) !== COLON
  ) {
    return false;
  }
  if (length > 20) {
    // A fraction: a dot and at least one digit.
    if (value.charCodeAt(19) !== DOT || length === 21 || digitsAt(value, 20, 1) < 0) return false;
    for (let i = 21; i < length - 1; i++) {
      const digit = value.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return false;
    }
  }
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  // 60 is a leap second, which RFC 3339 allows.
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
}

/** Number of digits after the decimal point of a valid STIX timestamp (0 when there is no fraction). */
export function fractionDigits(timestamp: string): number {
  const dot = timestamp.indexOf('.');
  return dot === -1 ? 0 : timestamp.length - dot - 2;
}

/**
 * Formats a date the way STIX producers should write `created` and `modified`:
 * UTC with exactly millisecond precision, e.g. `2024-01-02T03:04:05.678Z`.
 */
export function formatStixTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Cannot format an invalid Date as a STIX timestamp');
  return date.toISOString();
}

/** Parses a STIX timestamp into a Date (precision beyond milliseconds is dropped); undefined when invalid. */
export function parseStixTimestamp(timestamp: string): Date | undefined {
  if (!isStixTimestamp(timestamp)) return undefined;
  // A leap second has no Date representation; it is the last instant of its minute.
  const normalised = timestamp.slice(17, 19) === '60' ? `${timestamp.slice(0, 17)}59.999Z` : timestamp;
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Orders two valid STIX timestamps without losing precision beyond milliseconds:
 * negative when `a` is earlier, 0 when equal, positive when later.
 */
export function compareStixTimestamps(a: string, b: string): number {
  // Both are UTC with a fixed-width date-time prefix, so the first 19 characters order lexically.
  const wholeA = a.slice(0, 19);
  const wholeB = b.slice(0, 19);
  if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
  const fractionA = a.length > 20 ? a.slice(20, -1) : '';
  const fractionB = b.length > 20 ? b.slice(20, -1) : '';
  const width = Math.max(fractionA.length, fractionB.length);
  const paddedA = fractionA.padEnd(width, '0');
  const paddedB = fractionB.padEnd(width, '0');
  return paddedA === paddedB ? 0 : paddedA < paddedB ? -1 : 1;
}
