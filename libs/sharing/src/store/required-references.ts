/**
 * The references whose target must be readable for the object itself to be shown: a relationship
 * stands on its two ends, a sighting on what was seen. Stored in `required_refs`, checked in SQL.
 */
export const REQUIRED_REFERENCES: Readonly<Record<string, readonly string[]>> = {
  relationship: ['source_ref', 'target_ref'],
  sighting: ['sighting_of_ref'],
};

export function requiredReferenceProperties(type: unknown): readonly string[] {
  // Own properties only: a type named like a built-in property ("constructor") has none.
  return typeof type === 'string' && Object.hasOwn(REQUIRED_REFERENCES, type) ? REQUIRED_REFERENCES[type] : [];
}

export function requiredRefsOf(stix: Record<string, unknown>): string[] {
  return requiredReferenceProperties(stix.type)
    .map((property) => stix[property])
    .filter((ref): ref is string => typeof ref === 'string');
}
