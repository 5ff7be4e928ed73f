import { HubError } from '@hub/platform';
import { decodePageCursor, encodePageCursor } from './page-cursor';

describe('page cursor', () => {
  it('round-trips a position', () => {
    const cursor = { dateAdded: '2026-12-02T17:01:02.123456Z', pk: '987654321' };
    expect(decodePageCursor(encodePageCursor(cursor))).toEqual(cursor);
  });

  it.each([['garbage'], [''], [Buffer.from('2026-12-02T17:01:02Z|1').toString('base64url')], [Buffer.from('2026-12-02T17:01:02.123456Z|0x1').toString('base64url')]])(
    'refuses %p with a clear input error',
    (text) => {
      expect(() => decodePageCursor(text)).toThrow(HubError);
    },
  );
});
