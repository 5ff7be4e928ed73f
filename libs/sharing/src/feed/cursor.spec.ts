import { CursorSeal, HubError } from '@hub/platform';
import { CursorCodec } from './cursor';

describe('CursorCodec', () => {
  const seal = new CursorSeal('a secret of the hub');
  const codec = new CursorCodec(seal);

  it('reads back the cursors it issued, which do not show the row key', () => {
    const cursor = codec.encode('12345');
    expect(Buffer.from(cursor, 'base64url').toString('latin1')).not.toContain('12345');
    expect(codec.decode(cursor)).toBe('12345');
  });

  it.each([
    ['a cursor sealed by another hub', new CursorCodec(new CursorSeal('another secret')).encode('12345')],
    ['a sealed value that is no row key', seal.seal('1; DROP TABLE')],
    ['an unsealed row key', Buffer.from(JSON.stringify({ pk: '1' })).toString('base64url')],
    ['garbage', 'not a cursor'],
    ['an empty string', ''],
  ])('refuses %s with BAD_USER_INPUT', (_, cursor) => {
    expect(() => codec.decode(cursor)).toThrow(HubError);
    try {
      codec.decode(cursor);
    } catch (error) {
      expect((error as HubError).code).toBe('BAD_USER_INPUT');
      expect((error as HubError).issues[0].path).toBe('after');
    }
  });
});
