// Schemas for the STIX 2.1 property data types (spec section 2): identifiers, timestamps, hashes,
// dictionaries, hex, binary, vocabularies. Each is built once and shared by every object schema.
import { z } from 'zod';
import { isRfc4122Uuid, parseStixId } from '../ids';
import { fractionDigits, isStixTimestamp } from '../timestamps';
import { describeValue, WARNING_PARAMS, withArticle } from './issues';
import { isValidTypeName, kindOfType, type ObjectKind } from './object-types';
import { characterSetNameProblem, isRegisteredCharacterSet } from './formats/character-sets';
import { isLanguageTag } from './formats/language-tags';
import { mediaTypeProblem, parseMediaType } from './formats/media-types';
import { isUrl } from './sco/value-formats';
import { HASHING_ALGORITHM_OV, type OpenVocabulary } from './vocabularies';

/** What zod hands a check: the value being checked and the issue list to append to. */
export interface CheckPayload {
  readonly value: unknown;
  readonly issues: z.core.$ZodRawIssue[];
}

/** Records an error without stopping the remaining checks, so that every problem is reported. */
export function reportError(payload: CheckPayload, message: string, path: PropertyKey[] = []): void {
  payload.issues.push({ code: 'custom', message, input: payload.value, path, continue: true });
}

export function reportWarning(payload: CheckPayload, message: string, path: PropertyKey[] = []): void {
  payload.issues.push({ code: 'custom', message, input: payload.value, path, params: WARNING_PARAMS, continue: true });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const nonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1);

// ---------------------------------------------------------------------------------------------------------
// Identifiers and references

/** Which objects a reference may point at, and how to say so in a message. */
export interface ReferenceTarget {
  readonly types?: ReadonlySet<string>;
  readonly kinds?: ReadonlySet<ObjectKind>;
  readonly description: string;
}

export function referenceTo(types: readonly string[], description?: string): ReferenceTarget {
  return { types: new Set(types), description: description ?? withArticle(types.join(' or ')) };
}

export function referenceToKinds(kinds: readonly ObjectKind[], description: string): ReferenceTarget {
  return { kinds: new Set(kinds), description };
}

function referenceAllows(target: ReferenceTarget, type: string): boolean {
  if (target.types?.has(type)) return true;
  return target.kinds?.has(kindOfType(type)) ?? false;
}

const UPPERCASE_HEX = /[A-F]/;

/** The usual form of an identifier: a type name, `--`, and a lowercase RFC 4122 UUID (36 characters). */
const CANONICAL_IDENTIFIER = /^[a-z0-9-]{3,250}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_SUFFIX_LENGTH = 38;

/** Whether `id` has the canonical form and its type is acceptable: the fast path for valid data. */
function isCanonicalIdentifier(id: string, target?: ReferenceTarget): boolean {
  if (!CANONICAL_IDENTIFIER.test(id)) return false;
  const type = id.slice(0, id.length - UUID_SUFFIX_LENGTH);
  return !type.includes('--') && (target === undefined || referenceAllows(target, type));
}

/** Why `id` is not an acceptable reference to `target`, or undefined when it is. */
export function identifierProblem(id: string, target?: ReferenceTarget): string | undefined {
  if (isCanonicalIdentifier(id, target)) return undefined;
  const parsed = parseStixId(id);
  if (!parsed || !isValidTypeName(parsed.type)) {
    return `must be a STIX identifier of the form <object-type>--<UUID> (got ${describeValue(id)})`;
  }
  if (!isRfc4122Uuid(parsed.uuid)) return `must end in an RFC 4122 UUID (got ${describeValue(id)})`;
  if (target && !referenceAllows(target, parsed.type)) {
    return `must reference ${target.description}, not ${withArticle(parsed.type)}`;
  }
  return undefined;
}

function checkIdentifier(payload: CheckPayload, target?: ReferenceTarget): void {
  const id = payload.value as string;
  if (isCanonicalIdentifier(id, target)) return;
  const problem = identifierProblem(id, target);
  if (problem) reportError(payload, problem);
  else if (UPPERCASE_HEX.test(id.slice(id.indexOf('--') + 2))) reportWarning(payload, 'UUIDs should be written in lowercase');
}

/** An identifier, optionally constrained to the objects it may reference. */
export function identifier(target?: ReferenceTarget) {
  return z.string().check((payload) => checkIdentifier(payload, target));
}

/** The `id` of an object of `type`: its prefix must repeat the type. */
export function objectId(type: string) {
  const prefix = `${type}--`;
  return z.string().check((payload) => {
    const id = payload.value;
    if (!id.startsWith(prefix) && parseStixId(id)) {
      reportError(payload, `must start with "${prefix}" to match the object type (got ${describeValue(id)})`);
      return;
    }
    checkIdentifier(payload);
  });
}

export const identityRef = identifier(referenceTo(['identity']));
export const markingDefinitionRef = identifier(referenceTo(['marking-definition']));

// ---------------------------------------------------------------------------------------------------------
// Timestamps

const TIMESTAMP_MESSAGE = 'must be an RFC 3339 timestamp in UTC such as 2016-05-12T08:17:27.000Z';

export const timestamp = z.string().check((payload) => {
  if (!isStixTimestamp(payload.value)) reportError(payload, `${TIMESTAMP_MESSAGE} (got ${describeValue(payload.value)})`);
});

/** `created` and `modified`: STIX 2.1 asks for at least millisecond precision (spec 3.2). */
export const versionTimestamp = z.string().check((payload) => {
  if (!isStixTimestamp(payload.value)) {
    reportError(payload, `${TIMESTAMP_MESSAGE} (got ${describeValue(payload.value)})`);
  } else if (fractionDigits(payload.value) < 3) {
    reportWarning(payload, `should be precise to at least the millisecond, e.g. ${payload.value.slice(0, 19)}.000Z`);
  }
});

// ---------------------------------------------------------------------------------------------------------
// Scalars

export const specVersion = z.literal('2.1');

/** An integer (zod would call a non-number input "not a number", which hides that a whole number is wanted). */
export const integer = z.int({
  error: (issue) => (issue.code === 'invalid_type' && issue.input !== undefined ? `must be an integer (got ${describeValue(issue.input)})` : undefined),
});

export const confidence = integer.min(0).max(100);

/** Non-negative integer, as used for sizes and counts. */
export const nonNegativeInteger = integer.min(0);

const LANGUAGE_TAG_MESSAGE = 'must be an RFC 5646 language tag such as "en" or "pt-BR"';

export const languageTag = z.string().check((payload) => {
  if (!isLanguageTag(payload.value)) reportError(payload, `${LANGUAGE_TAG_MESSAGE} (got ${describeValue(payload.value)})`);
});

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
export const hex = z
  .string()
  .regex(HEX, { error: (issue) => `must be an even number of hexadecimal characters (got ${describeValue(issue.input)})` });

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const binary = z.string().check((payload) => {
  if (!BASE64.test(payload.value)) reportError(payload, 'must be base64-encoded binary data (RFC 4648)');
});

// ---------------------------------------------------------------------------------------------------------
// Dictionaries and hashes

// Spec 2.8: dictionary keys are 1–250 ASCII letters, digits, hyphens and underscores.
const DICTIONARY_KEY = /^[A-Za-z0-9_-]{1,250}$/;

function checkDictionaryKeys(payload: CheckPayload, record: Record<string, unknown>): void {
  const keys = Object.keys(record);
  if (keys.length === 0) reportError(payload, 'must not be empty');
  for (const key of keys) {
    if (!DICTIONARY_KEY.test(key)) {
      reportError(payload, 'is not a valid dictionary key: keys are 1–250 characters of a–z, A–Z, 0–9, "_" and "-"', [key]);
    }
  }
}

/** A STIX dictionary whose values match `value` (anything, by default). */
export function dictionary<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value).check((payload) => checkDictionaryKeys(payload, payload.value));
}

export const anyDictionary = dictionary(z.unknown());

interface HashFormat {
  readonly pattern: RegExp;
  readonly description: string;
}

const hexDigest = (length: number): HashFormat => ({
  pattern: new RegExp(`^[0-9a-fA-F]{${length}}$`),
  description: `${length} hexadecimal characters`,
});

/** Value formats of the algorithms in hashing-algorithm-ov, keyed by their canonical names. */
const HASH_FORMATS: Readonly<Record<string, HashFormat>> = {
  MD5: hexDigest(32),
  'SHA-1': hexDigest(40),
  'SHA-256': hexDigest(64),
  'SHA-512': hexDigest(128),
  'SHA3-256': hexDigest(64),
  'SHA3-512': hexDigest(128),
  SSDEEP: { pattern: /^\d+:[A-Za-z0-9/+]+:[A-Za-z0-9/+]+(?:,"[^"]*")?$/, description: 'an ssdeep digest (blocksize:hash:hash)' },
  TLSH: { pattern: /^(?:T1)?[0-9a-fA-F]{70}(?:[0-9a-fA-F]{4})?$/, description: 'a TLSH digest (70 hexadecimal characters, optionally prefixed with T1)' },
};

/** `sha256`, `Sha_256` and `SHA-256` all name SHA-256: compare without case, hyphens or underscores. */
const CANONICAL_HASH_NAME = new Map(
  Object.keys(HASH_FORMATS).map((name) => [name.toUpperCase().replace(/[-_]/g, ''), name] as const),
);

export function canonicalHashAlgorithm(key: string): string | undefined {
  return CANONICAL_HASH_NAME.get(key.toUpperCase().replace(/[-_]/g, ''));
}

const CUSTOM_HASH_KEY_MINIMUM = 3;

function checkHashes(payload: CheckPayload, hashes: Record<string, string>): void {
  checkDictionaryKeys(payload, hashes);
  for (const [key, value] of Object.entries(hashes)) {
    const algorithm = canonicalHashAlgorithm(key);
    if (!algorithm) {
      // Spec 2.7: a custom hash algorithm's name is 3–250 characters (the dictionary key rule covers the rest).
      if (key.length < CUSTOM_HASH_KEY_MINIMUM) reportError(payload, `is not a valid hash algorithm name: custom names must be 3–250 characters long`, [key]);
      else reportWarning(payload, `hash algorithm ${describeValue(key)} is not in ${HASHING_ALGORITHM_OV.name}`, [key]);
      continue;
    }
    if (algorithm !== key) reportWarning(payload, `hash algorithm should be written "${algorithm}"`, [key]);
    const format = HASH_FORMATS[algorithm];
    if (!format.pattern.test(value)) {
      reportError(payload, `must be ${format.description} for ${algorithm} (got ${describeValue(value)})`, [key]);
    }
  }
}

export const hashes = z.record(z.string(), z.string()).check((payload) => checkHashes(payload, payload.value));

// ---------------------------------------------------------------------------------------------------------
// Vocabularies

/** A value from an open vocabulary: anything goes, but values off the list draw a warning. */
export function openVocab(vocabulary: OpenVocabulary) {
  return z.string().check((payload) => {
    if (!vocabulary.values.has(payload.value)) {
      reportWarning(payload, `${describeValue(payload.value)} is not in ${vocabulary.name}`);
    }
  });
}

export const openVocabList = (vocabulary: OpenVocabulary) => nonEmptyList(openVocab(vocabulary));

/** A value from a closed enumeration: anything else is an error. */
export function closedEnum<const T extends readonly [string, ...string[]]>(values: T, name: string) {
  const allowed = values.map((value) => JSON.stringify(value)).join(', ');
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${name}: ${allowed} (got ${describeValue(issue.input)})`),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Registered names: character sets, media types, URLs

/** `path_enc`, `name_enc`: the IANA registry's name for the character set (spec 6.3, 6.7). */
export const characterSetName = z.string().check((payload) => {
  const problem = characterSetNameProblem(payload.value);
  if (problem) reportError(payload, `${problem} (got ${describeValue(payload.value)})`);
});

/** `mime_type`: a media type that SHOULD be registered with IANA. */
export const mediaType = z.string().check((payload) => {
  const problem = mediaTypeProblem(payload.value);
  if (problem) reportWarning(payload, `${problem} (got ${describeValue(payload.value)})`);
});

/**
 * `content_type`: a Content-Type header value. The media type SHOULD be registered; a `charset` parameter
 * must name a character set of the IANA registry (RFC 2046 4.1.2), under any of its registered names.
 */
export const contentType = z.string().check((payload) => {
  const { essence, parameters } = parseMediaType(payload.value);
  const problem = mediaTypeProblem(essence);
  if (problem) reportWarning(payload, `${problem} (got ${describeValue(essence)})`);
  const charset = parameters.get('charset');
  if (charset !== undefined && !isRegisteredCharacterSet(charset)) {
    reportError(payload, `has a charset that is not a character set of the IANA registry (got ${describeValue(charset)})`);
  }
});

/** A URL with a scheme (RFC 3986), e.g. an artifact's `url`. */
export const url = z.string().check((payload) => {
  if (!isUrl(payload.value)) reportError(payload, `must be a URL (RFC 3986) with a scheme, such as https://example.com/path (got ${describeValue(payload.value)})`);
});
