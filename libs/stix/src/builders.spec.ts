import { newSdo } from './builders';
import { isStixObjectOfType } from './objects/registry';
import { validateObject } from './objects/validate';
import { TLP_MARKINGS } from './tlp';

describe('newSdo', () => {
  const now = new Date(Date.UTC(2024, 4, 6, 7, 8, 9, 10));

  it('fills in type, id, spec_version and millisecond timestamps', () => {
    const indicator = newSdo('indicator', { pattern: "[ipv4-addr:value = '203.0.113.1']", pattern_type: 'stix', valid_from: '2024-05-06T00:00:00Z' }, now);
    expect(indicator).toMatchObject({ type: 'indicator', spec_version: '2.1', created: '2024-05-06T07:08:09.010Z', modified: '2024-05-06T07:08:09.010Z' });
    expect(indicator.id).toMatch(/^indicator--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(validateObject(indicator)).toEqual({ ok: true, errors: [], warnings: [], object: indicator });
  });

  it('builds relationships and sightings too, and keeps given ids, timestamps and custom properties', () => {
    const sighting = newSdo('sighting', {
      id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75',
      created: '2024-01-01T00:00:00.000Z',
      modified: '2024-01-02T00:00:00.000Z',
      sighting_of_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      count: 3,
      object_marking_refs: [TLP_MARKINGS.v2.AMBER],
      x_hub_source: 'member portal',
    });
    expect(sighting).toMatchObject({ id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75', created: '2024-01-01T00:00:00.000Z', x_hub_source: 'member portal' });
    expect(validateObject(sighting).ok).toBe(true);
  });

  it('uses the current time by default', () => {
    const before = Date.now();
    const identity = newSdo('identity', { name: 'St. Elsewhere Hospital', identity_class: 'organization' });
    expect(Date.parse(identity.created)).toBeGreaterThanOrEqual(before - 1);
    expect(identity.created).toBe(identity.modified);
  });

  it('asks the compiler for the required properties', () => {
    // @ts-expect-error pattern, pattern_type and valid_from are required
    const incomplete = newSdo('indicator', { name: 'no pattern' }, now);
    expect(validateObject(incomplete).ok).toBe(false);
  });
});

describe('isStixObjectOfType', () => {
  it('narrows a validated object to the type it names', () => {
    const result = validateObject(newSdo('tool', { name: 'VNC' }));
    const object = result.object;
    expect(object && isStixObjectOfType(object, 'tool') ? object.name : undefined).toBe('VNC');
    expect(object && isStixObjectOfType(object, 'malware')).toBe(false);
  });
});
