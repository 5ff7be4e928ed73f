// Common property types shared by many objects (spec sections 2 and 7): external references, kill chain
// phases, granular markings and the `extensions` dictionary.
import { z } from 'zod';
import { describeValue } from './issues';
import {
  closedEnum,
  hashes,
  identifier,
  identifierProblem,
  isRecord,
  languageTag,
  markingDefinitionRef,
  nonEmptyList,
  reportError,
  reportWarning,
  type CheckPayload,
} from './properties';
import { ALWAYS, RuleContext } from './rules';
import { EXTENSION_TYPE_ENUM } from './vocabularies';

/** Warns about properties a nested type does not define; custom properties belong at the top level. */
function warnAboutUnknownKeys(context: RuleContext, known: ReadonlySet<string>, what: string): void {
  for (const key of Object.keys(context.object)) {
    if (!known.has(key)) context.warning(key, `unknown property of ${what}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// External references (spec 2.5)

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const CAPEC_ID = /^CAPEC-\d+$/;
const LOOKS_LIKE_CVE = /^cve-\d/i;
const LOOKS_LIKE_CAPEC = /^capec-\d/i;

/**
 * Spec 2.5 and 4.19 / 4.1: a CVE is referenced with source_name "cve" and external_id CVE-YYYY-NNNN..., a
 * CAPEC entry with "capec" and CAPEC-[id]. Both halves are checked: the id under that source, and an id
 * of that catalogue under another source.
 */
function checkCatalogueIdentifier(reference: RuleContext, source: string, format: RegExp, looksLike: RegExp, expected: string): void {
  const externalId = reference.string('external_id');
  const sourceName = reference.string('source_name');
  if (externalId === undefined || sourceName === undefined) return;
  if (sourceName === source) {
    if (!format.test(externalId)) reference.error('external_id', `must be ${expected} when source_name is "${source}" (got ${describeValue(externalId)})`);
  } else if (looksLike.test(externalId)) {
    reference.error('source_name', `must be "${source}" for ${expected.slice(0, expected.indexOf(' such as'))} (got ${describeValue(sourceName)})`);
  }
}

const externalReferenceShape = {
  source_name: z.string(),
  description: z.string().optional(),
  url: z.string().optional(),
  hashes: hashes.optional(),
  external_id: z.string().optional(),
};
const externalReferenceKeys = new Set(Object.keys(externalReferenceShape));

export const externalReference = z.looseObject(externalReferenceShape).superRefine((value, refinement) => {
  if (!isRecord(value)) return;
  const reference = new RuleContext(value, refinement);
  if (!reference.has('description') && !reference.has('url') && !reference.has('external_id')) {
    reference.error([], 'must have at least one of description, url or external_id besides source_name');
  }
  checkCatalogueIdentifier(reference, 'cve', CVE_ID, LOOKS_LIKE_CVE, 'a CVE identifier such as CVE-2016-1234');
  checkCatalogueIdentifier(reference, 'capec', CAPEC_ID, LOOKS_LIKE_CAPEC, 'a CAPEC identifier such as CAPEC-163');
  warnAboutUnknownKeys(reference, externalReferenceKeys, 'an external reference');
}, ALWAYS);

// ---------------------------------------------------------------------------------------------------------
// Kill chain phases (spec 2.6)

const LOWERCASE_HYPHENATED = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const killChainPhaseShape = { kill_chain_name: z.string(), phase_name: z.string() };
const killChainPhaseKeys = new Set(Object.keys(killChainPhaseShape));

export const killChainPhase = z.looseObject(killChainPhaseShape).superRefine((value, refinement) => {
  if (!isRecord(value)) return;
  const phase = new RuleContext(value, refinement);
  for (const key of ['kill_chain_name', 'phase_name']) {
    const name = phase.string(key);
    if (name !== undefined && !LOWERCASE_HYPHENATED.test(name)) {
      phase.warning(key, `should be lowercase with hyphens instead of spaces or underscores (got ${describeValue(name)})`);
    }
  }
  warnAboutUnknownKeys(phase, killChainPhaseKeys, 'a kill chain phase');
}, ALWAYS);

// ---------------------------------------------------------------------------------------------------------
// Granular markings (spec 7.2.3)

// A selector names a property, then descends through properties (`.name`) and list items (`.[2]`).
const SELECTOR = /^[a-z0-9_-]+(?:\.(?:\[\d+\]|[A-Za-z0-9_-]+))*$/;

const selector = z.string().check((payload) => {
  if (!SELECTOR.test(payload.value)) {
    reportError(payload, `must be a selector such as "description" or "external_references.[0].url" (got ${describeValue(payload.value)})`);
  }
});

export const granularMarking = z
  .looseObject({
    selectors: nonEmptyList(selector),
    marking_ref: markingDefinitionRef.optional(),
    lang: languageTag.optional(),
  })
  .superRefine((value, refinement) => {
    if (!isRecord(value)) return;
    const marking = new RuleContext(value, refinement);
    marking.requireExactlyOne(['marking_ref', 'lang']);
    warnAboutUnknownKeys(marking, new Set(['selectors', 'marking_ref', 'lang']), 'a granular marking');
  }, ALWAYS);

/** Whether `selector` points at something that exists in `object` (spec: selectors must resolve). */
export function selectorResolves(object: Readonly<Record<string, unknown>>, selectorText: string): boolean {
  let current: unknown = object;
  for (const step of selectorText.split('.')) {
    if (step.startsWith('[')) {
      const index = Number(step.slice(1, -1));
      if (!Array.isArray(current) || index >= current.length) return false;
      current = current[index];
    } else {
      if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, step)) return false;
      current = current[step];
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Extensions (spec 7.3)

/** The extensions STIX 2.1 predefines, and the object type each belongs to. */
export const PREDEFINED_EXTENSION_OWNERS: Readonly<Record<string, string>> = {
  'archive-ext': 'file',
  'ntfs-ext': 'file',
  'pdf-ext': 'file',
  'raster-image-ext': 'file',
  'windows-pebinary-ext': 'file',
  'http-request-ext': 'network-traffic',
  'icmp-ext': 'network-traffic',
  'socket-ext': 'network-traffic',
  'tcp-ext': 'network-traffic',
  'windows-process-ext': 'process',
  'windows-service-ext': 'process',
  'unix-account-ext': 'user-account',
};

const EXTENSION_DEFINITION_PREFIX = 'extension-definition--';
const EXTENSION_NAME = /^[a-z0-9-]{3,250}$/;
const EXTENSION_TYPES: ReadonlySet<string> = new Set(EXTENSION_TYPE_ENUM);
const extensionTypeList = EXTENSION_TYPE_ENUM.map((type) => JSON.stringify(type)).join(', ');

export const extensionType = closedEnum(EXTENSION_TYPE_ENUM, 'extension-type-enum');

function checkExtensionEntry(payload: CheckPayload, ownerType: string, key: string, entry: unknown): void {
  if (!isRecord(entry)) {
    reportError(payload, `must be an object (got ${describeValue(entry)})`, [key]);
    return;
  }
  const declaredType = entry.extension_type;
  if (declaredType !== undefined && (typeof declaredType !== 'string' || !EXTENSION_TYPES.has(declaredType))) {
    reportError(payload, `must be one of extension-type-enum: ${extensionTypeList} (got ${describeValue(declaredType)})`, [key, 'extension_type']);
  }
  if (key.startsWith(EXTENSION_DEFINITION_PREFIX)) {
    const problem = identifierProblem(key);
    if (problem) reportError(payload, `extension key ${problem}`, [key]);
    else if (declaredType === undefined) reportWarning(payload, 'should state its extension_type', [key]);
    return;
  }
  const owner = PREDEFINED_EXTENSION_OWNERS[key];
  if (owner !== undefined) {
    reportError(payload, `is an extension of ${owner} objects and cannot be used on ${ownerType}`, [key]);
  } else if (!EXTENSION_NAME.test(key)) {
    reportError(payload, 'is not a valid extension name: use an extension-definition id or 3–250 characters of a–z, 0–9 and "-"', [key]);
  } else if (!key.startsWith('x-')) {
    reportWarning(payload, 'unknown extension (custom extensions should be named x-<name> or defined by an extension-definition)', [key]);
  }
}

/**
 * The `extensions` dictionary of an object of `ownerType`. `predefined` holds the schemas of the
 * extensions STIX defines for that type; any other key must be an extension-definition id or a custom name.
 */
export function extensionsOf<S extends Record<string, z.ZodType>>(ownerType: string, predefined: S) {
  const predefinedKeys = new Set(Object.keys(predefined));
  const optionalShape = Object.fromEntries(Object.entries(predefined).map(([key, schema]) => [key, schema.optional()]));
  return z.looseObject(optionalShape as { [K in keyof S]: z.ZodOptional<S[K]> }).superRefine((value, refinement) => {
    if (!isRecord(value)) return;
    const payload: CheckPayload = refinement;
    const keys = Object.keys(value);
    if (keys.length === 0) reportError(payload, 'must not be empty');
    for (const key of keys) {
      if (!predefinedKeys.has(key)) checkExtensionEntry(payload, ownerType, key, value[key]);
    }
  }, ALWAYS);
}

/** Whether an object's extensions add top-level properties, which then need no `x_` prefix. */
export function hasToplevelPropertyExtension(extensions: unknown): boolean {
  if (!isRecord(extensions)) return false;
  return Object.values(extensions).some((entry) => isRecord(entry) && entry.extension_type === 'toplevel-property-extension');
}

/** Whether an object's extensions declare it as a new object type (new-sdo, new-sco or new-sro). */
export function declaredNewObjectKind(extensions: unknown): string | undefined {
  if (!isRecord(extensions)) return undefined;
  for (const entry of Object.values(extensions)) {
    if (isRecord(entry) && typeof entry.extension_type === 'string' && entry.extension_type.startsWith('new-')) {
      return entry.extension_type;
    }
  }
  return undefined;
}

/** An identifier of any object, as in report or note `object_refs`. */
export const anyObjectRef = identifier();
