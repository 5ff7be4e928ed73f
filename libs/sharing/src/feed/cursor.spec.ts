import { HubError } from '@hub/platform';
import { CursorCodec } from './cursor';

describe('CursorCodec', () => {
  const codec = new CursorCodec('a secret of the hub');

  it('reads back the cursors it issued', () => {
    expect(codec.decode(codec.encode('12345'))).toBe('12345');
  });

  it.each([
    ['a cursor signed by another hub', new CursorCodec('another secret').encode('12345')],
    ['a cursor whose position was edited', `${Buffer.from(JSON.stringify({ pk: '1' })).toString('base64url')}.${codec.encode('12345').split('.')[1]}`],
    ['no signature', Buffer.from(JSON.stringify({ pk: '1' })).toString('base64url')],
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
