import { createHmac, timingSafeEqual } from 'node:crypto';
import { HubError } from '@hub/platform';

/**
 * Cursors are opaque to clients and signed, so a client cannot forge one to jump into rows by
 * position. They hold the row key the next page continues from; new rows never shift a page.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(pk: string): string {
    const payload = Buffer.from(JSON.stringify({ pk })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(cursor: string, path = 'after'): string {
    const [payload, signature] = cursor.split('.');
    const expected = payload ? this.sign(payload) : '';
    const valid =
      payload && signature && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
    if (valid) {
      const { pk } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { pk?: unknown };
      if (typeof pk === 'string' && /^\d{1,19}$/.test(pk)) return pk;
    }
    throw HubError.badInput('The cursor is not valid: use the endCursor of a previous page', [{ path, message: 'not a cursor this hub issued' }]);
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
