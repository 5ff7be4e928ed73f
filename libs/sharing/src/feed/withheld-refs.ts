import { requiredReferenceProperties } from '../store/required-references';

// Top-level properties that name who made the object or how it is marked, not shared content:
// they stay as they are (a granular marking's marking_ref included).
const KEPT_PROPERTIES = new Set(['created_by_ref', 'object_marking_refs', 'granular_markings']);

function isReference(property: string): boolean {
  return property.endsWith('_ref');
}

function isReferenceList(property: string): boolean {
  return property.endsWith('_refs');
}

/** The top-level properties whose references may be withheld: not the kept ones, nor what the read query already checked. */
function checkedProperties(stix: Record<string, unknown>): [string, unknown][] {
  const required = requiredReferenceProperties(stix.type);
  return Object.entries(stix).filter(([property]) => !KEPT_PROPERTIES.has(property) && !required.includes(property));
}

function collect(value: unknown, property: string | undefined, ids: string[]): void {
  if (property !== undefined && isReference(property) && typeof value === 'string') {
    ids.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) {
      if (property !== undefined && isReferenceList(property) && typeof item === 'string') ids.push(item);
      else collect(item, undefined, ids);
    }
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) collect(inner, key, ids);
  }
}

/**
 * Every STIX id an object refers to through a *_ref or *_refs property, at any depth (extensions,
 * custom properties, an email's body parts ...), that may need withholding. A relationship's ends
 * and a sighting's `sighting_of_ref` are left out: every read query (readableObjectsWhere) already
 * shows such an object only when the viewer may follow those, so a page of them needs no second query.
 */
export function referencedIds(stix: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const [property, value] of checkedProperties(stix)) collect(value, property, ids);
  return ids;
}

/** The value without the references `keep` refuses; the value itself when nothing is dropped. */
function prune(value: unknown, property: string | undefined, keep: (id: string) => boolean): { value: unknown; dropped: boolean } {
  if (property !== undefined && isReference(property) && typeof value === 'string') {
    return keep(value) ? { value, dropped: false } : { value: undefined, dropped: true };
  }
  if (Array.isArray(value)) {
    let changed = false;
    const items: unknown[] = [];
    for (const item of value) {
      if (property !== undefined && isReferenceList(property) && typeof item === 'string') {
        if (keep(item)) items.push(item);
        else changed = true;
        continue;
      }
      const inner = prune(item, undefined, keep);
      changed ||= inner.value !== item;
      items.push(inner.value);
    }
    return changed ? { value: items, dropped: false } : { value, dropped: false };
  }
  if (value && typeof value === 'object') {
    const copy = pruneEntries(Object.entries(value), value as Record<string, unknown>, keep);
    return { value: copy, dropped: false };
  }
  return { value, dropped: false };
}

function pruneEntries(entries: [string, unknown][], original: Record<string, unknown>, keep: (id: string) => boolean): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, inner] of entries) {
    const pruned = prune(inner, key, keep);
    if (!pruned.dropped && pruned.value === inner) continue;
    copy ??= { ...original };
    if (pruned.dropped) delete copy[key];
    else copy[key] = pruned.value;
  }
  return copy ?? original;
}

/**
 * A copy of the object without the references the viewer may not follow, at any depth (a single
 * reference goes, a list loses the id): the hub never shows an id that names an object the viewer
 * cannot read, whether the object is stored or not, so the answer cannot tell the two apart.
 * `followable` comes from the database; a reference to the object's own creator stays, as
 * created_by_ref itself does.
 */
export function withoutWithheldRefs(stix: Record<string, unknown>, followable: ReadonlySet<string>): Record<string, unknown> {
  const creator = stix.created_by_ref;
  const keep = (id: string) => followable.has(id) || id === creator;
  return pruneEntries(checkedProperties(stix), stix, keep);
}
