import type { StixObjectRow } from '@hub/sharing';
import { STIX_MEDIA_TYPE } from '../http/media-type';
import type { CursorSeal } from '@hub/platform';
import { encodePageCursor } from './page-cursor';

/** A stored version as TAXII reads it: the feed's row plus its date_added to the microsecond. */
export interface TaxiiRow extends StixObjectRow {
  date_added_text: string;
}

export interface TaxiiPage {
  rows: TaxiiRow[];
  /** More rows match after this page (and before the safe horizon). */
  more: boolean;
}

/** An object's version (spec 3.2.2 manifest-record): its modified, else created, else when it was added. */
export function versionOf(row: TaxiiRow): string {
  const { modified, created } = row.stix;
  if (typeof modified === 'string') return modified;
  if (typeof created === 'string') return created;
  return row.date_added_text;
}

/** `more` and, when there is more, the `next` cursor (spec 3.5: the client repeats the request with it). */
export function pagination(page: TaxiiPage, seal: CursorSeal): { more: boolean; next?: string } {
  const last = page.rows.at(-1);
  return page.more && last ? { more: true, next: encodePageCursor({ dateAdded: last.date_added_text, pk: String(last.pk) }, seal) } : { more: false };
}

/** The X-TAXII-Date-Added-First and -Last headers of a page (none for an empty page). */
export function dateAddedHeaders(page: TaxiiPage): Record<string, string> {
  const first = page.rows[0];
  const last = page.rows.at(-1);
  return first && last ? { 'X-TAXII-Date-Added-First': first.date_added_text, 'X-TAXII-Date-Added-Last': last.date_added_text } : {};
}

/** The envelope resource (spec 3.7) of a page of objects. */
export function envelopeOf(page: TaxiiPage, seal: CursorSeal): { more: boolean; next?: string; objects?: Record<string, unknown>[] } {
  return { ...pagination(page, seal), ...(page.rows.length ? { objects: page.rows.map((row) => row.stix) } : {}) };
}

/** The manifest resource (spec 5.3) of a page of objects. */
export function manifestOf(page: TaxiiPage, seal: CursorSeal) {
  const objects = page.rows.map((row) => ({ id: row.id, date_added: row.date_added_text, version: versionOf(row), media_type: STIX_MEDIA_TYPE }));
  return { ...pagination(page, seal), ...(objects.length ? { objects } : {}) };
}

/** The versions resource (spec 5.8) of a page of one object's versions. */
export function versionsOf(page: TaxiiPage, seal: CursorSeal) {
  return { ...pagination(page, seal), ...(page.rows.length ? { versions: page.rows.map(versionOf) } : {}) };
}
