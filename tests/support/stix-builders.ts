import { randomUUID } from 'node:crypto';

type Stix = Record<string, unknown>;

const now = () => new Date().toISOString().replace(/(\.\d{3})\d*Z$/, '$1Z');

export function indicator(pattern: string, overrides: Stix = {}): Stix {
  const time = now();
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: time,
    modified: time,
    name: `Indicator ${pattern}`,
    pattern,
    pattern_type: 'stix',
    valid_from: time,
    ...overrides,
  };
}

export function ipIndicator(ip: string, overrides: Stix = {}): Stix {
  return indicator(`[ipv4-addr:value = '${ip}']`, overrides);
}

export function malware(name: string, overrides: Stix = {}): Stix {
  const time = now();
  return { type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created: time, modified: time, name, is_family: true, ...overrides };
}

export function relationship(sourceRef: string, relationshipType: string, targetRef: string, overrides: Stix = {}): Stix {
  const time = now();
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: `relationship--${randomUUID()}`,
    created: time,
    modified: time,
    relationship_type: relationshipType,
    source_ref: sourceRef,
    target_ref: targetRef,
    ...overrides,
  };
}

export function sighting(sightingOfRef: string, overrides: Stix = {}): Stix {
  const time = now();
  return { type: 'sighting', spec_version: '2.1', id: `sighting--${randomUUID()}`, created: time, modified: time, sighting_of_ref: sightingOfRef, count: 3, ...overrides };
}

export function report(name: string, objectRefs: string[], overrides: Stix = {}): Stix {
  const time = now();
  return {
    type: 'report',
    spec_version: '2.1',
    id: `report--${randomUUID()}`,
    created: time,
    modified: time,
    name,
    published: time,
    object_refs: objectRefs,
    ...overrides,
  };
}

export function bundle(objects: Stix[]): Stix {
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
}

/** A later version of the same object. */
export function nextVersion(object: Stix, changes: Stix = {}, laterByMs = 1000): Stix {
  const modified = new Date(new Date(object.modified as string).getTime() + laterByMs).toISOString();
  return { ...object, ...changes, modified };
}
