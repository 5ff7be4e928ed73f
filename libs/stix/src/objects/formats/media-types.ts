// Media types (RFC 6838): `type/subtype`, optionally followed by `; name=value` parameters as in a
// Content-Type header. Registration with IANA is a SHOULD in STIX, so callers warn about unknown types.
import { IANA_MEDIA_TYPES } from './iana-media-types';

const REGISTERED: ReadonlySet<string> = new Set(
  Object.entries(IANA_MEDIA_TYPES).flatMap(([type, subtypes]) => subtypes.split(' ').map((subtype) => `${type}/${subtype}`.toLowerCase())),
);

// RFC 6838 4.2 restricted-name, for both the type and the subtype.
const RESTRICTED_NAME = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
const MEDIA_TYPE = new RegExp(`^${RESTRICTED_NAME}/${RESTRICTED_NAME}$`);

export interface ParsedMediaType {
  /** `type/subtype`, as written. */
  essence: string;
  /** Parameter names (lower-cased) and values, quotes removed. */
  parameters: ReadonlyMap<string, string>;
}

/** Splits a Content-Type value; parameters that are not `name=value` are left out. */
export function parseMediaType(value: string): ParsedMediaType {
  const [essence, ...parts] = value.split(';');
  const parameters = new Map<string, string>();
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const raw = part.slice(equals + 1).trim();
    parameters.set(part.slice(0, equals).trim().toLowerCase(), raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw);
  }
  return { essence: essence.trim(), parameters };
}

/** Why `essence` (`type/subtype`) is not an IANA media type, or undefined when it is one. */
export function mediaTypeProblem(essence: string): string | undefined {
  if (!MEDIA_TYPE.test(essence)) return 'should be a media type of the form type/subtype, such as application/pdf';
  if (!REGISTERED.has(essence.toLowerCase())) return 'is not a media type registered with IANA';
  return undefined;
}
