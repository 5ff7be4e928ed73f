// Relationship (spec 5.1): links a source and a target SDO or SCO with a relationship type.
import { z } from 'zod';
import { defineRelationshipObject } from '../define';
import { parseStixId } from '../../ids';
import { describeValue, withArticle } from '../issues';
import { isSpecRelationship } from '../formats/relationship-table';
import { identifier, referenceToKinds, reportError, reportWarning, timestamp } from '../properties';
import type { RuleContext } from '../rules';
import { RELATIONSHIP_TYPE_OV } from '../vocabularies';

// Spec 5.1: relationship types are 3–250 characters of a–z, 0–9 and hyphen.
const RELATIONSHIP_TYPE = /^[a-z0-9-]{3,250}$/;

const relationshipType = z.string().check((payload) => {
  if (!RELATIONSHIP_TYPE.test(payload.value)) {
    reportError(payload, `must be 3–250 characters of a–z, 0–9 and "-" (got ${describeValue(payload.value)})`);
  } else if (!RELATIONSHIP_TYPE_OV.values.has(payload.value)) {
    reportWarning(payload, `${describeValue(payload.value)} is not one of the ${RELATIONSHIP_TYPE_OV.name}`);
  }
});

/**
 * Spec 5.1: relationship types the specification defines SHOULD join the objects its tables list them for.
 * Unknown relationship types are already warned about on their own.
 */
function checkSpecRelationship(relationship: RuleContext): void {
  const relationshipType = relationship.string('relationship_type');
  const source = relationship.string('source_ref');
  const target = relationship.string('target_ref');
  if (relationshipType === undefined || !RELATIONSHIP_TYPE_OV.values.has(relationshipType) || source === undefined || target === undefined) return;
  const sourceType = parseStixId(source)?.type;
  const targetType = parseStixId(target)?.type;
  if (sourceType === undefined || targetType === undefined || isSpecRelationship(sourceType, relationshipType, targetType)) return;
  relationship.warning('relationship_type', `${describeValue(relationshipType)} is not a relationship STIX 2.1 defines from ${withArticle(sourceType)} to ${withArticle(targetType)}`);
}

const endpointRef = identifier(referenceToKinds(['sdo', 'sco', 'custom'], 'an SDO or SCO'));

export const relationshipSchema = defineRelationshipObject(
  'relationship',
  {
    relationship_type: relationshipType,
    description: z.string().optional(),
    source_ref: endpointRef,
    target_ref: endpointRef,
    start_time: timestamp.optional(),
    stop_time: timestamp.optional(),
  },
  {
    rules: (relationship) => {
      relationship.requireOrder('start_time', 'stop_time', true);
      checkSpecRelationship(relationship);
    },
  },
);

export type Relationship = z.infer<typeof relationshipSchema>;
