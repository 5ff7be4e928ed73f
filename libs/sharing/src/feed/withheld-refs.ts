import { requiredReferenceProperties } from '../store/required-references';

// Top-level properties that name who made the object or how it is marked, not shared content:
// they stay as they are (a granular marking's marking_ref included).
export const KEPT_PROPERTIES: ReadonlySet<string> = new Set(['created_by_ref', 'object_marking_refs', 'granular_markings']);

function isReference(property: string): boolean {
  return property.endsWith('_ref');
}

function isReferenceList(property: string): boolean {
  return property.endsWith('_refs');
}

/** A property whose name makes it (or what is in it) a reference: `*_ref` or `*_refs`. */
export function isReferenceProperty(property: string): boolean {
  return isReference(property) || isReferenceList(property);
}

// After a key's closing quote: optional blanks, then the colon (PostgreSQL writes `"key": `, JSON.stringify `"key":`).
function endsKey(json: string, quote: number): boolean {
  if (json.charCodeAt(quote) !== 34) return false;
  let index = quote + 1;
  while (json.charCodeAt(index) === 32) index++;
  return json.charCodeAt(index) === 58;
}

/**
 * How many keys of the JSON text, at any depth, end in `_ref` or `_refs`. Only a key can end so: a
 * quote inside a string is escaped (`\"`), so `_ref"` followed by a colon is the end of a key, and a
 * string value's closing quote is never followed by a colon.
 */
export function referenceKeyCount(json: string): number {
  let count = 0;
  for (let index = json.indexOf('_ref'); index !== -1; index = json.indexOf('_ref', index + 4)) {
    if (endsKey(json, index + 4) || (json.charCodeAt(index + 4) === 115 && endsKey(json, index + 5))) count++;
  }
  return count;
}

/**
 * Whether an object, as JSON text, may refer to something that must be checked (referencedIds may
 * be non-empty), without parsing it: `exemptKeys` is how many of its top-level properties are kept
 * or required references (counted by the database, see exemptReferenceKeysColumn), null when it has
 * a kept property that holds references under other names (granular_markings' marking_ref). Every
 * reference referencedIds finds sits under a key ending in _ref or _refs; when the text holds no
 * more such keys than the exempt top-level ones, none is left to check. Errs towards true.
 */
export function mayReferToCheckedIds(json: string, exemptKeys: number | null): boolean {
  return exemptKeys === null || referenceKeyCount(json) > exemptKeys;
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
