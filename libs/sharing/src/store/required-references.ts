/**
 * The references whose target must be readable for the object itself to be shown: a relationship
 * stands on its two ends, a sighting on what was seen. Stored in `required_refs`, checked in SQL.
 */
const REQUIRED_REFERENCES: Record<string, readonly string[]> = {
  relationship: ['source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
};

export function requiredReferenceProperties(type: unknown): readonly string[] {
  return (typeof type === 'string' && REQUIRED_REFERENCES[type]) || [];
}

export function requiredRefsOf(stix: Record<string, unknown>): string[] {
  return requiredReferenceProperties(stix.type)
    .map((property) => stix[property])
    .filter((ref): ref is string => typeof ref === 'string');
}
