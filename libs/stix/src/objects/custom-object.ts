// Custom objects (spec 11.2, and new object types declared through extension definitions, 7.3): any type
// STIX does not define, such as ATT&CK's `x-mitre-tactic`. Their own properties are theirs to define; the
// common properties they share with SDOs and SCOs still follow the common rules.
import { z } from 'zod';
import { parseStixId } from '../ids';
import { declaredNewObjectKind, externalReference, extensionsOf, granularMarking } from './common';
import { withObjectRules } from './define';
import { describeValue } from './issues';
import { isValidTypeName } from './object-types';
import {
  confidence,
  identifier,
  identityRef,
  languageTag,
  markingDefinitionRef,
  nonEmptyList,
  reportError,
  specVersion,
  versionTimestamp,
} from './properties';

const customType = z.string().check((payload) => {
  if (!isValidTypeName(payload.value)) {
    reportError(payload, `is not a valid object type: types are 3–250 characters of a–z, 0–9 and "-", without "--" (got ${describeValue(payload.value)})`);
  }
});

export const customObjectSchema = withObjectRules(
  z.looseObject({
    type: customType,
    spec_version: specVersion.optional(),
    id: identifier(),
    created: versionTimestamp.optional(),
    modified: versionTimestamp.optional(),
    created_by_ref: identityRef.optional(),
    revoked: z.boolean().optional(),
    labels: nonEmptyList(z.string()).optional(),
    confidence: confidence.optional(),
    lang: languageTag.optional(),
    external_references: nonEmptyList(externalReference).optional(),
    object_marking_refs: nonEmptyList(markingDefinitionRef).optional(),
    granular_markings: nonEmptyList(granularMarking).optional(),
    extensions: extensionsOf('custom objects', {}).optional(),
  }),
  'custom',
  {
    rules: (custom) => {
      const type = custom.string('type');
      const id = custom.string('id');
      const idType = id === undefined ? undefined : parseStixId(id)?.type;
      if (type !== undefined && idType !== undefined && idType !== type) {
        custom.error('id', `must start with "${type}--" to match the object type (got ${describeValue(id)})`);
      }
      // Domain-like custom objects are versioned; observable-like ones carry neither timestamp.
      custom.requirePresenceFor('created', 'modified');
      custom.requirePresenceFor('modified', 'created');
      if (custom.has('created') && !custom.has('spec_version')) custom.warning('spec_version', 'should be "2.1" for a STIX 2.1 object');
      if (type !== undefined && isValidTypeName(type) && !type.startsWith('x-') && !declaredNewObjectKind(custom.object.extensions)) {
        custom.warning('type', `${describeValue(type)} is not a STIX 2.1 object type (custom object types should start with x- or be defined by an extension definition)`);
      }
    },
  },
);

/** Any object of a type STIX does not define; its own properties are open. */
export type CustomStixObject = z.infer<typeof customObjectSchema>;
