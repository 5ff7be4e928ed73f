import { HubError } from '@hub/platform';
import { decodePageCursor, encodePageCursor } from './page-cursor';

describe('page cursor', () => {
  it('round-trips a position', () => {
    const cursor = { dateAdded: '2026-12-02T17:01:02.123456Z', pk: '987654321' };
    expect(decodePageCursor(encodePageCursor(cursor))).toEqual(cursor);
    const largest = { dateAdded: '2026-12-02T17:01:02.123456Z', pk: '9223372036854775807' };
    expect(decodePageCursor(encodePageCursor(largest))).toEqual(largest);
  });

  it.each([
    ['garbage'],
    [''],
    [Buffer.from('2026-12-02T17:01:02Z|1').toString('base64url')],
    [Buffer.from('2026-12-02T17:01:02.123456Z|0x1').toString('base64url')],
    // Forged cursors the database could not take (they used to be 500s).
    [Buffer.from('2026-13-45T99:99:99.000000Z|1').toString('base64url')],
    [Buffer.from('0000-01-01T00:00:00.000000Z|1').toString('base64url')],
    [Buffer.from('2026-12-02T17:01:02.123456Z|9223372036854775808').toString('base64url')],
  ])(
    'refuses %p with a clear input error',
    (text) => {
      expect(() => decodePageCursor(text)).toThrow(HubError);
    },
  );
});
