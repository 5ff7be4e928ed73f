import { HubError } from '@hub/platform';

/** Cursors are opaque to callers: the sort key, base64url-encoded. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, isValid: (sortKey: string) => boolean): string | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const sortKey = /^[A-Za-z0-9_-]*$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!sortKey || !isValid(sortKey)) {
    throw HubError.badInput('Invalid input: after is not a cursor from this list', [{ path: 'after', message: 'is not a cursor from this list' }]);
  }
  return sortKey;
}
