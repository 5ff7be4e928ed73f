// How an object schema is assembled: the common properties of its kind (spec 3.2 for SDOs and SROs, 6.1 for
// SCOs), its own properties, and the object-level rules every object shares (custom property naming,
// modified >= created, granular marking selectors) followed by its own rules.
import { z } from 'zod';
import {
  externalReference,
  extensionsOf,
  granularMarking,
  hasToplevelPropertyExtension,
  selectorResolves,
} from './common';
import { parseStixId, SCO_ID_CONTRIBUTING_PROPERTIES } from '../ids';
import { describeValue, withArticle } from './issues';
import { isScoType, type ObjectKind } from './object-types';
import {
  confidence,
  identifierProblem,
  identityRef,
  isRecord,
  languageTag,
  markingDefinitionRef,
  nonEmptyList,
  objectId,
  specVersion,
  versionTimestamp,
} from './properties';
import { ALWAYS, RuleContext, type ObjectRule } from './rules';

/** Spec 3.1 / 11.1: custom property names are 3–250 characters of a–z, 0–9 and underscore, and begin with a letter. */
const CUSTOM_PROPERTY_NAME = /^[a-z][a-z0-9_]{2,249}$/;

/** Names STIX 2.1 reserves for future use (spec 3.5, and `action` on course-of-action). */
const RESERVED_PROPERTIES: ReadonlySet<string> = new Set([
  'action',
  'addresses',
  'first_seen_precision',
  'last_seen_precision',
  'phone_numbers',
  'severity',
  'usernames',
  'valid_from_precision',
  'valid_until_precision',
]);

/** Properties the specification lists as "not applicable" to some objects, and how to name those objects. */
export interface NotApplicableProperties {
  readonly properties: ReadonlySet<string>;
  readonly owner: string;
}

/** SDO/SRO common properties that the specification marks "not applicable" to cyber observables (spec 6.1). */
const NOT_APPLICABLE_TO_SCOS: NotApplicableProperties = {
  properties: new Set(['created', 'modified', 'created_by_ref', 'revoked', 'labels', 'confidence', 'lang', 'external_references']),
  owner: 'cyber-observable objects',
};

export interface ObjectDefinitionOptions {
  /** Reported with a clearer warning than "unknown custom property". */
  notApplicable?: NotApplicableProperties;
  /** Object-specific rules, run after the common ones. */
  rules?: ObjectRule;
}

/** Custom properties: names must follow the naming rules, `_ref(s)` should hold identifiers, and unprefixed ones draw a warning. */
function checkCustomProperties(context: RuleContext, known: ReadonlySet<string>, kind: ObjectKind, notApplicable?: NotApplicableProperties): void {
  let toplevelExtension: boolean | undefined;
  for (const key of Object.keys(context.object)) {
    if (known.has(key)) continue;
    if (!CUSTOM_PROPERTY_NAME.test(key)) {
      context.error(key, 'is not a valid property name: custom property names must be 3–250 characters of a–z, 0–9 and "_", starting with a letter');
      continue;
    }
    if (RESERVED_PROPERTIES.has(key)) {
      context.error(key, 'is reserved by STIX 2.1 and must not be used');
      continue;
    }
    checkReferenceProperty(context, key);
    if (notApplicable?.properties.has(key)) {
      context.warning(key, `is not a property of ${notApplicable.owner}`);
      continue;
    }
    // A custom object's own properties are its definition, not customisations of a standard object.
    if (kind === 'custom' || key.startsWith('x_')) continue;
    toplevelExtension ??= hasToplevelPropertyExtension(context.object.extensions);
    if (!toplevelExtension) {
      context.warning(key, 'unknown custom property (custom properties should start with x_ or be defined by an extension)');
    }
  }
}

/**
 * By STIX naming convention a property ending in `_ref` holds an identifier and one ending in `_refs` a list
 * of them, which tools rely on to follow references. For custom properties this is a convention rather than
 * a rule we can enforce (ATT&CK ships `x_mitre_data_source_ref: ""`), so breaking it is a warning.
 */
function checkReferenceProperty(context: RuleContext, key: string): void {
  const value = context.object[key];
  const isIdentifier = (item: unknown) => typeof item === 'string' && identifierProblem(item) === undefined;
  if (key.endsWith('_ref')) {
    if (!isIdentifier(value)) context.warning(key, `should hold a STIX identifier, as its name ends in _ref (got ${describeValue(value)})`);
  } else if (key.endsWith('_refs')) {
    if (!Array.isArray(value)) {
      context.warning(key, `should hold a list of STIX identifiers, as its name ends in _refs (got ${describeValue(value)})`);
      return;
    }
    value.forEach((item, index) => {
      if (!isIdentifier(item)) context.warning([key, index], `should be a STIX identifier, as the list's name ends in _refs (got ${describeValue(item)})`);
    });
  }
}

/**
 * Spec 2.5: hashes of the content behind an external reference's URL SHOULD come with it, so that a change
 * can be noticed. Checked here rather than in the reference's own schema: ATT&CK has thousands of such
 * links, and a warning raised at the top costs far less than one zod carries up through the list.
 */
function checkExternalReferenceHashes(context: RuleContext): void {
  context.list('external_references')?.forEach((reference, index) => {
    if (isRecord(reference) && reference.url !== undefined && reference.hashes === undefined) {
      context.warning(['external_references', index, 'hashes'], 'should be present when url is, to pin down the content the URL points to');
    }
  });
}

function checkGranularMarkingSelectors(context: RuleContext): void {
  const markings = context.list('granular_markings');
  if (!markings) return;
  markings.forEach((marking, markingIndex) => {
    if (!isRecord(marking) || !Array.isArray(marking.selectors)) return;
    marking.selectors.forEach((selectorText, selectorIndex) => {
      if (typeof selectorText === 'string' && !selectorResolves(context.object, selectorText)) {
        context.error(['granular_markings', markingIndex, 'selectors', selectorIndex], `does not select anything in this object (${selectorText})`);
      }
    });
  });
}

/** Attaches the shared object-level rules, then `options.rules`, to an object schema. */
export function withObjectRules<T extends z.ZodObject>(schema: T, kind: ObjectKind, options: ObjectDefinitionOptions = {}): T {
  const known: ReadonlySet<string> = new Set(Object.keys(schema.shape));
  return schema.superRefine((value, refinement) => {
    if (!isRecord(value)) return;
    const context = new RuleContext(value, refinement);
    checkCustomProperties(context, known, kind, options.notApplicable);
    context.requireOrder('created', 'modified');
    checkGranularMarkingSelectors(context);
    checkExternalReferenceHashes(context);
    options.rules?.(context);
  }, ALWAYS);
}

/** Common properties of SDOs and SROs (spec 3.2), which the versioned meta objects share in part. */
export function domainObjectShape<T extends string>(type: T) {
  return {
    type: z.literal(type),
    spec_version: specVersion,
    id: objectId(type),
    created: versionTimestamp,
    modified: versionTimestamp,
    created_by_ref: identityRef.optional(),
    revoked: z.boolean().optional(),
    labels: nonEmptyList(z.string()).optional(),
    confidence: confidence.optional(),
    lang: languageTag.optional(),
    external_references: nonEmptyList(externalReference).optional(),
    object_marking_refs: nonEmptyList(markingDefinitionRef).optional(),
    granular_markings: nonEmptyList(granularMarking).optional(),
    extensions: extensionsOf(type, {}).optional(),
  };
}

/** A STIX Domain Object schema: the common properties plus `shape`, with custom properties passed through. */
export function defineDomainObject<T extends string, S extends z.ZodRawShape>(type: T, shape: S, options: ObjectDefinitionOptions = {}) {
  return withObjectRules(z.looseObject({ ...domainObjectShape(type), ...shape }), 'sdo', options);
}

/** A STIX Relationship Object schema (relationship, sighting). */
export function defineRelationshipObject<T extends string, S extends z.ZodRawShape>(type: T, shape: S, options: ObjectDefinitionOptions = {}) {
  return withObjectRules(z.looseObject({ ...domainObjectShape(type), ...shape }), 'sro', options);
}

/** Common properties of cyber observables (spec 6.1); `extensions` carries the type's predefined extensions. */
function observableShape<T extends string, E extends Record<string, z.ZodType>>(type: T, predefinedExtensions: E) {
  return {
    type: z.literal(type),
    spec_version: specVersion.optional(),
    id: objectId(type),
    object_marking_refs: nonEmptyList(markingDefinitionRef).optional(),
    granular_markings: nonEmptyList(granularMarking).optional(),
    defanged: z.boolean().optional(),
    extensions: extensionsOf(type, predefinedExtensions).optional(),
  };
}

/**
 * Spec 2.9: an observable's UUIDv5 is derived from its ID-contributing properties; with none of them present
 * there is nothing to derive it from, and a UUIDv4 MUST be used instead.
 */
function checkNameBasedId(observable: RuleContext, type: string): void {
  const id = observable.string('id');
  const uuid = id === undefined ? undefined : parseStixId(id)?.uuid;
  if (uuid === undefined || uuid[14] !== '5' || !isScoType(type)) return;
  const contributing = SCO_ID_CONTRIBUTING_PROPERTIES[type];
  if (contributing.some((property) => observable.has(property))) return;
  const which = contributing.length === 0 ? `${withArticle(type)} has no ID-contributing properties` : `none of its ID-contributing properties (${contributing.join(', ')}) is present`;
  observable.error('id', `must use a UUIDv4, not a UUIDv5: ${which}`);
}

/** A STIX Cyber-observable Object schema. */
export function defineObservable<T extends string, S extends z.ZodRawShape, E extends Record<string, z.ZodType>>(
  type: T,
  shape: S,
  predefinedExtensions: E,
  options: ObjectDefinitionOptions = {},
) {
  return withObjectRules(z.looseObject({ ...observableShape(type, predefinedExtensions), ...shape }), 'sco', {
    notApplicable: NOT_APPLICABLE_TO_SCOS,
    rules: (observable) => {
      checkNameBasedId(observable, type);
      options.rules?.(observable);
    },
  });
}

/** A predefined extension: a dictionary of properties that must not be empty (spec 6.1, extensions). */
export function defineExtension<S extends z.ZodRawShape>(name: string, shape: S, rules?: ObjectRule) {
  const known = new Set(Object.keys(shape));
  return z.looseObject(shape).superRefine((value, refinement) => {
    if (!isRecord(value)) return;
    const context = new RuleContext(value, refinement);
    if (Object.keys(value).length === 0) context.error([], `${name} must contain at least one property`);
    for (const key of Object.keys(value)) {
      if (!known.has(key)) context.warning(key, `unknown property of ${name}`);
    }
    rules?.(context);
  }, ALWAYS);
}
