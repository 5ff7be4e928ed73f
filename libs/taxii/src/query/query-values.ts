import { isStixTimestamp, parseStixId } from '@hub/stix';

const TYPE_NAME = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;

/** A STIX type name as match[type] takes it (and as the type part of an identifier). */
export function isStixTypeName(value: string): boolean {
  return TYPE_NAME.test(value);
}

/** A STIX identifier whose type part is a type name: anything else (e.g. with a NUL byte) names no stored object. */
export function isStixIdentifier(value: string): boolean {
  const parsed = parseStixId(value);
  return parsed !== undefined && isStixTypeName(parsed.type);
}

/**
 * A timestamp a TAXII client may filter by: a STIX timestamp that PostgreSQL can also hold. Year 0
 * and leap seconds pass the RFC 3339 check but not the timestamptz cast, which would be a 500.
 */
export function isQueryTimestamp(value: string): boolean {
  return isStixTimestamp(value) && Number(value.slice(0, 4)) >= 1 && Number(value.slice(17, 19)) <= 59;
}
