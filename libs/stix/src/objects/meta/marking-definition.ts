// Marking Definition (spec 7.2.1): handling or sharing requirements applied to other objects. A definition is
// either inline (`definition_type` "statement" or "tlp" with `definition`) or carried by an extension, as
// TLP 2.0 markings are. Marking definitions are never versioned, so they have `created` but no `modified`.
import { z } from 'zod';
import { canonicalJson } from '../../canonical-json';
import {
  TLP1_DEFINITION_VALUES,
  TLP1_MARKING_DEFINITIONS,
  TLP1_MARKING_IDS,
  TLP2_EXTENSION_DEFINITION_ID,
  TLP2_EXTENSION_VALUES,
  TLP2_MARKING_DEFINITIONS,
  TLP2_MARKING_IDS,
  TLP2_MARKING_NAMES,
  TLP_LEVELS,
  type TlpLevel,
} from '../../tlp';
import { externalReference, extensionsOf, granularMarking } from '../common';
import { withObjectRules } from '../define';
import { describeValue } from '../issues';
import { identityRef, isRecord, markingDefinitionRef, nonEmptyList, objectId, specVersion, versionTimestamp } from '../properties';
import type { RuleContext } from '../rules';

type Tlp1Level = keyof typeof TLP1_MARKING_IDS;
const TLP1_LEVEL_BY_VALUE = new Map<string, Tlp1Level>(
  Object.entries(TLP1_DEFINITION_VALUES).map(([level, value]) => [value, level as Tlp1Level]),
);
const TLP2_LEVEL_BY_VALUE = new Map(TLP_LEVELS.map((level) => [TLP2_EXTENSION_VALUES[level] as string, level]));
const TLP1_VALUES = Object.values(TLP1_DEFINITION_VALUES).map((value) => JSON.stringify(value)).join(', ');
const TLP2_VALUES = Object.values(TLP2_EXTENSION_VALUES).map((value) => JSON.stringify(value)).join(', ');

/** The published TLP marking definitions by id: the four of the STIX specification and the five of OASIS. */
const PUBLISHED_TLP_MARKINGS: ReadonlyMap<string, Readonly<Record<string, unknown>>> = new Map(
  [...Object.values(TLP1_MARKING_DEFINITIONS), ...Object.values(TLP2_MARKING_DEFINITIONS)].map((marking) => [marking.id, marking]),
);

/**
 * A TLP marking id names one published object (spec 7.2.1.4; OASIS for TLP 2.0), so anything sent under
 * that id must be that object, to the letter: otherwise a "TLP:GREEN" could be redefined, re-attributed or
 * marked by whoever sends it first. Reports each difference at its path.
 */
function checkPublishedTlpMarking(marking: RuleContext, published: Readonly<Record<string, unknown>>): void {
  const where = `the published ${String(published.name)} marking definition`;
  const compare = (path: PropertyKey[], actual: Readonly<Record<string, unknown>>, expected: Readonly<Record<string, unknown>>) => {
    for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const [value, wanted] = [actual[key], expected[key]];
      if (wanted === undefined) marking.error([...path, key], `must not be present: ${where} has no ${key}`);
      else if (value === undefined) marking.error([...path, key], `is required, as in ${where}`);
      else if (isRecord(value) && isRecord(wanted)) compare([...path, key], value, wanted);
      else if (canonicalJson(value) !== canonicalJson(wanted)) marking.error([...path, key], `must be ${JSON.stringify(wanted)} (got ${describeValue(value)}), as in ${where}`);
    }
  };
  compare([], marking.object, published);
}

/** Spec 7.2.1.4: only the four TLP 1.0 marking-definitions of the specification may exist. */
function checkTlp1Definition(marking: RuleContext, definition: Record<string, unknown>): void {
  const value = definition.tlp;
  const level = typeof value === 'string' ? TLP1_LEVEL_BY_VALUE.get(value) : undefined;
  if (!level) {
    marking.error(['definition', 'tlp'], `must be one of ${TLP1_VALUES} (got ${describeValue(value)})`);
    return;
  }
  const id = marking.string('id');
  if (id !== undefined && id !== TLP1_MARKING_IDS[level]) {
    marking.error('id', `must be ${TLP1_MARKING_IDS[level]}: TLP 1.0 markings use the fixed ids of the STIX specification`);
  }
}

function checkStatementDefinition(marking: RuleContext, definition: Record<string, unknown>): void {
  if (typeof definition.statement !== 'string') {
    marking.error(['definition', 'statement'], definition.statement === undefined ? 'is required' : 'must be a string');
  }
}

function checkInlineDefinition(marking: RuleContext): void {
  const definitionType = marking.string('definition_type');
  const definition = marking.record('definition');
  if (definitionType === undefined || definition === undefined) return;
  if (definitionType === 'tlp') checkTlp1Definition(marking, definition);
  else if (definitionType === 'statement') checkStatementDefinition(marking, definition);
  else marking.warning('definition_type', `${describeValue(definitionType)} is not a definition type of STIX 2.1 (statement, tlp); new marking types should use an extension definition`);
}

/** TLP 2.0 markings must be exactly the five OASIS objects: the id, name and level agree. */
function checkTlp2Extension(marking: RuleContext): void {
  const id = marking.string('id');
  const extension = marking.record('extensions')?.[TLP2_EXTENSION_DEFINITION_ID];
  if (extension === undefined) return;
  const path = ['extensions', TLP2_EXTENSION_DEFINITION_ID];
  if (typeof extension !== 'object' || extension === null) return;
  const { extension_type: extensionType, tlp_2_0: value } = extension as Record<string, unknown>;
  if (extensionType !== 'property-extension') marking.error([...path, 'extension_type'], 'must be "property-extension"');
  const level: TlpLevel | undefined = typeof value === 'string' ? TLP2_LEVEL_BY_VALUE.get(value) : undefined;
  if (!level) {
    marking.error([...path, 'tlp_2_0'], `must be one of ${TLP2_VALUES} (got ${describeValue(value)})`);
    return;
  }
  if (id !== undefined && id !== TLP2_MARKING_IDS[level]) {
    marking.error('id', `must be ${TLP2_MARKING_IDS[level]}: TLP 2.0 markings use the fixed ids published by OASIS`);
  }
  const name = marking.string('name');
  if (name !== TLP2_MARKING_NAMES[level]) marking.error('name', `must be "${TLP2_MARKING_NAMES[level]}" (got ${describeValue(name)})`);
}

/** A marking definition cannot mark itself (the OASIS validator's circular-reference rule). */
function checkSelfMarking(marking: RuleContext): void {
  const id = marking.string('id');
  if (id === undefined) return;
  marking.list('object_marking_refs')?.forEach((ref, index) => {
    if (ref === id) marking.error(['object_marking_refs', index], 'must not reference the marking definition itself');
  });
  marking.list('granular_markings')?.forEach((granular, index) => {
    if (typeof granular === 'object' && granular !== null && (granular as Record<string, unknown>).marking_ref === id) {
      marking.error(['granular_markings', index, 'marking_ref'], 'must not reference the marking definition itself');
    }
  });
}

export const markingDefinitionSchema = withObjectRules(
  z.looseObject({
    type: z.literal('marking-definition'),
    spec_version: specVersion,
    id: objectId('marking-definition'),
    created: versionTimestamp,
    created_by_ref: identityRef.optional(),
    external_references: nonEmptyList(externalReference).optional(),
    object_marking_refs: nonEmptyList(markingDefinitionRef).optional(),
    granular_markings: nonEmptyList(granularMarking).optional(),
    extensions: extensionsOf('marking-definition', {}).optional(),
    name: z.string().optional(),
    definition_type: z.string().optional(),
    definition: z.record(z.string(), z.unknown()).optional(),
  }),
  'meta',
  {
    notApplicable: {
      properties: new Set(['modified', 'revoked', 'labels', 'confidence', 'lang']),
      owner: 'marking-definition objects (they cannot be versioned or revoked)',
    },
    rules: (marking) => {
      const id = marking.string('id');
      const published = id === undefined ? undefined : PUBLISHED_TLP_MARKINGS.get(id);
      if (published) {
        checkPublishedTlpMarking(marking, published);
        return;
      }
      if (!marking.has('extensions')) {
        if (!marking.has('definition_type')) marking.error('definition_type', 'is required unless the marking is defined by an extension');
        if (!marking.has('definition')) marking.error('definition', 'is required unless the marking is defined by an extension');
      } else {
        marking.requirePresenceFor('definition_type', 'definition');
        marking.requirePresenceFor('definition', 'definition_type');
      }
      checkInlineDefinition(marking);
      checkTlp2Extension(marking);
      checkSelfMarking(marking);
    },
  },
);

export type MarkingDefinition = z.infer<typeof markingDefinitionSchema>;
