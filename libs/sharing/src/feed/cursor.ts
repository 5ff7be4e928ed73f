import { CursorSeal, HubError } from '@hub/platform';

/**
 * Feed cursors hold the row key the next page continues from (new rows never shift a page),
 * sealed so that clients can neither forge one nor read the row key (see CursorSeal).
 */
export class CursorCodec {
  constructor(private readonly seal: CursorSeal) {}

  encode(pk: string): string {
    return this.seal.seal(pk);
  }

  decode(cursor: string, path = 'after'): string {
    const pk = this.seal.open(cursor);
    if (pk !== undefined && /^\d{1,19}$/.test(pk)) return pk;
    throw HubError.badInput('The cursor is not valid: use the endCursor of a previous page', [{ path, message: 'not a cursor this hub issued' }]);
  }
}
