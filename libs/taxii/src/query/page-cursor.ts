import { CursorSeal, HubError } from '@hub/platform';
import { isQueryTimestamp } from './query-values';

/**
 * Where a page ended: the date_added (microseconds, UTC) and pk of its last object. Pages are
 * ordered by (date_added, pk), so the next page starts strictly after this pair. The cursor is
 * sealed (see CursorSeal): the pk would show how many objects were added in between, unreadable ones too.
 */
export interface PageCursor {
  dateAdded: string;
  pk: string;
}

const DATE_ADDED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const PK = /^[1-9]\d{0,18}$/;
// The largest bigint: a pk above it would fail the cast in the page query.
const MAX_PK = 9_223_372_036_854_775_807n;

export function encodePageCursor(cursor: PageCursor, seal: CursorSeal): string {
  return seal.seal(`${cursor.dateAdded}|${cursor.pk}`);
}

export function decodePageCursor(text: string, seal: CursorSeal): PageCursor {
  const [dateAdded, pk, ...rest] = (seal.open(text) ?? '').split('|');
  // The cursor comes back from the client: check it as strictly as any other parameter.
  const valid = !rest.length && DATE_ADDED.test(dateAdded ?? '') && isQueryTimestamp(dateAdded) && PK.test(pk ?? '') && BigInt(pk) <= MAX_PK;
  if (!valid) {
    throw HubError.badInput('The next parameter is not a value this server gave out', [{ path: 'next', message: 'copy it from the "next" property of the previous page' }]);
  }
  return { dateAdded, pk };
}
