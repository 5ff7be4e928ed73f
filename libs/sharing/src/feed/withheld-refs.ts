import { requiredReferenceProperties } from '../store/required-references';

// References that name an identity or a marking, not shared content: they stay as they are.
const KEPT_REFERENCES = new Set(['created_by_ref', 'object_marking_refs']);

/**
 * Every STIX id an object refers to through its top-level *_ref and *_refs properties that may
 * need withholding. A relationship's ends and a sighting's `sighting_of_ref` are left out: every
 * read query (readableObjectsWhere) already shows such an object only when those are readable or
 * unknown to the hub, so they are never withheld, and a page of them needs no second query.
 */
export function referencedIds(stix: Record<string, unknown>): string[] {
  const required = requiredReferenceProperties(stix.type);
  const ids: string[] = [];
  for (const [property, value] of Object.entries(stix)) {
    if (KEPT_REFERENCES.has(property) || required.includes(property)) continue;
    if (property.endsWith('_ref') && typeof value === 'string') ids.push(value);
    if (property.endsWith('_refs') && Array.isArray(value)) ids.push(...value.filter((item): item is string => typeof item === 'string'));
  }
  return ids;
}

/**
 * A copy of the object without the references to objects the viewer may not read: the hub never
 * confirms that such an object exists. The database decides which ids are withheld.
 */
export function withoutWithheldRefs(stix: Record<string, unknown>, withheld: ReadonlySet<string>): Record<string, unknown> {
  if (!withheld.size) return stix;
  let copy: Record<string, unknown> | undefined;
  for (const [property, value] of Object.entries(stix)) {
    if (KEPT_REFERENCES.has(property)) continue;
    if (property.endsWith('_ref') && typeof value === 'string' && withheld.has(value)) {
      copy ??= { ...stix };
      delete copy[property];
    }
    if (property.endsWith('_refs') && Array.isArray(value) && value.some((item) => withheld.has(item as string))) {
      copy ??= { ...stix };
      copy[property] = value.filter((item) => !withheld.has(item as string));
    }
  }
  return copy ?? stix;
}
