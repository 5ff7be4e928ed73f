import { CursorSeal, HubError } from '@hub/platform';
import { decodePageCursor, encodePageCursor } from './page-cursor';

describe('page cursor', () => {
  const seal = new CursorSeal('a secret of the hub for the tests');

  it('round-trips a position', () => {
    const cursor = { dateAdded: '2026-12-02T17:01:02.123456Z', pk: '987654321' };
    expect(decodePageCursor(encodePageCursor(cursor, seal), seal)).toEqual(cursor);
    expect(Buffer.from(encodePageCursor(cursor, seal), 'base64url').toString('latin1')).not.toContain('987654321');
    const largest = { dateAdded: '2026-12-02T17:01:02.123456Z', pk: '9223372036854775807' };
    expect(decodePageCursor(encodePageCursor(largest, seal), seal)).toEqual(largest);
  });

  it.each([
    ['garbage'],
    [''],
    // An unsealed position, as clients could write one before cursors were sealed.
    [Buffer.from('2026-12-02T17:01:02.123456Z|1').toString('base64url')],
    // Sealed by another hub.
    [encodePageCursor({ dateAdded: '2026-12-02T17:01:02.123456Z', pk: '1' }, new CursorSeal('another hub secret for the tests'))],
    // Sealed here but not a position this server gives out, or one the database could not take.
    [seal.seal('2026-12-02T17:01:02Z|1')],
    [seal.seal('2026-12-02T17:01:02.123456Z|0x1')],
    [seal.seal('2026-13-45T99:99:99.000000Z|1')],
    [seal.seal('0000-01-01T00:00:00.000000Z|1')],
    [seal.seal('2026-12-02T17:01:02.123456Z|9223372036854775808')],
  ])(
    'refuses %p with a clear input error',
    (text) => {
      expect(() => decodePageCursor(text, seal)).toThrow(HubError);
    },
  );
});
