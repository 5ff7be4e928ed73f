import fc from 'fast-check';
import { ALL_EXAMPLES } from '../../test/examples';
import { validateBundle } from '../bundle';
import { formatStixTimestamp } from '../timestamps';
import { TLP_MARKINGS } from '../tlp';
import { validateObject } from './validate';

// Generators of valid objects. Timestamps come from dates, so they are always well-formed; pairs of them are
// sorted so that modified >= created and the like hold.
const uuid = fc.uuid({ version: 4 });
const id = (type: string) => uuid.map((value) => `${type}--${value}`);
const date = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
const timestamp = date.map(formatStixTimestamp);
const orderedTimestamps = fc.tuple(date, date).map(([a, b]) => (a <= b ? [a, b] : [b, a]).map(formatStixTimestamp) as [string, string]);
const text = fc.string({ minLength: 1, maxLength: 40 });
const marking = fc.constantFrom(...Object.values(TLP_MARKINGS.v2), ...Object.values(TLP_MARKINGS.v1));
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
const hexString = (length: number) => fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: length, maxLength: length }).map((chars) => chars.join(''));
const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);

const common = fc.record(
  {
    created_by_ref: id('identity'),
    labels: fc.array(label, { minLength: 1, maxLength: 3 }),
    confidence: fc.integer({ min: 0, max: 100 }),
    object_marking_refs: fc.array(marking, { minLength: 1, maxLength: 2 }),
    revoked: fc.boolean(),
    x_hub_note: text,
  },
  { requiredKeys: [] },
);

function domainObject(type: string, own: fc.Arbitrary<Record<string, unknown>>) {
  return fc.tuple(id(type), orderedTimestamps, common, own).map(([objectId, [created, modified], shared, properties]) => ({
    type,
    spec_version: '2.1',
    id: objectId,
    created,
    modified,
    ...shared,
    ...properties,
  }));
}

const simplePattern = fc.oneof(
  ipv4.map((value) => `[ipv4-addr:value = '${value}']`),
  hexString(64).map((value) => `[file:hashes.'SHA-256' = '${value}']`),
  label.map((value) => `[domain-name:value = '${value}.example.org']`),
  fc.tuple(ipv4, fc.integer({ min: 1, max: 65535 })).map(([value, port]) => `[network-traffic:dst_ref.value = '${value}' AND network-traffic:dst_port = ${port}]`),
);

const validObjects = fc.oneof(
  domainObject(
    'indicator',
    fc.record(
      {
        pattern: simplePattern,
        pattern_type: fc.constant('stix'),
        valid: orderedTimestamps,
        name: text,
        indicator_types: fc.array(fc.constantFrom('malicious-activity', 'anomalous-activity', 'compromised'), { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: ['pattern', 'pattern_type', 'valid'] },
    ).map(({ valid: [from, until], ...rest }) => ({ ...rest, valid_from: from, valid_until: until === from ? undefined : until })),
  ),
  domainObject('identity', fc.record({ name: text, identity_class: fc.constantFrom('individual', 'organization'), sectors: fc.constant(['healthcare']) }, { requiredKeys: ['name'] })),
  domainObject('malware', fc.record({ name: text, is_family: fc.boolean(), malware_types: fc.constant(['ransomware']) }, { requiredKeys: ['name', 'is_family'] })),
  domainObject('relationship', fc.record({ relationship_type: fc.constantFrom('indicates', 'uses', 'targets'), source_ref: id('indicator'), target_ref: id('malware') })),
  domainObject(
    'sighting',
    fc.record(
      { sighting_of_ref: id('indicator'), count: fc.integer({ min: 0, max: 999_999_999 }), seen: orderedTimestamps, where_sighted_refs: fc.array(id('identity'), { minLength: 1, maxLength: 2 }) },
      { requiredKeys: ['sighting_of_ref'] },
    ).map(({ seen, ...rest }) => (seen ? { ...rest, first_seen: seen[0], last_seen: seen[1] } : rest)),
  ),
  domainObject('report', fc.record({ name: text, published: timestamp, object_refs: fc.array(id('indicator'), { minLength: 1, maxLength: 3 }) })),
  domainObject('note', fc.record({ content: text, object_refs: fc.array(id('report'), { minLength: 1, maxLength: 2 }) })),
  domainObject(
    'location',
    fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }), precision: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
  ),
  fc.tuple(id('ipv4-addr'), ipv4).map(([objectId, value]) => ({ type: 'ipv4-addr', spec_version: '2.1', id: objectId, value })),
  fc.tuple(id('domain-name'), label).map(([objectId, value]) => ({ type: 'domain-name', id: objectId, value: `${value}.example.com` })),
  fc.tuple(id('file'), hexString(32), text).map(([objectId, md5, name]) => ({ type: 'file', id: objectId, name, hashes: { MD5: md5 } })),
);

type Mutation =
  | { kind: 'delete'; pick: number }
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'add'; key: string; value: unknown }
  | { kind: 'type'; value: string };

/** Ways to damage an object: drop, retype or replace properties, or rename its type. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('add' as const), key: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant('type' as const), value: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(...Object.keys(ALL_EXAMPLES), 'bundle', 'x-mitre-tactic')) }),
);

function mutate(object: Record<string, unknown>, change: Mutation): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  const keys = Object.keys(copy);
  switch (change.kind) {
    case 'delete':
      delete copy[keys[change.pick % keys.length]];
      break;
    case 'replace':
      copy[keys[change.pick % keys.length]] = change.value;
      break;
    case 'add':
      copy[change.key] = change.value;
      break;
    case 'type':
      copy.type = change.value;
      break;
  }
  return copy;
}

function expectWellFormedResult(result: ReturnType<typeof validateObject>, prefix: string): void {
  expect(typeof result.ok).toBe('boolean');
  expect(result.ok).toBe(result.errors.length === 0);
  for (const issue of [...result.errors, ...result.warnings]) {
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.path.startsWith(prefix)).toBe(true);
  }
}

describe('validation properties', () => {
  it('accepts every generated valid object', () => {
    fc.assert(
      fc.property(validObjects, (object) => {
        const result = validateObject(object);
        expect(result.errors).toEqual([]);
        expect(result.object).toBe(object);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on damaged objects, and reports problems as values under the given path', () => {
    fc.assert(
      fc.property(validObjects, fc.array(mutation, { minLength: 1, maxLength: 4 }), (object, changes) => {
        const damaged = changes.reduce(mutate, object as Record<string, unknown>);
        expectWellFormedResult(validateObject(damaged, 'objects[7]'), 'objects[7]');
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on damaged specification examples of every type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(ALL_EXAMPLES)), fc.array(mutation, { minLength: 1, maxLength: 3 }), (object, changes) => {
        expectWellFormedResult(validateObject(changes.reduce(mutate, object)), '');
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary values, objects of known types with random properties, or random bundles', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (value) => {
        expectWellFormedResult(validateObject(value), '');
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(ALL_EXAMPLES)), fc.dictionary(fc.string({ maxLength: 15 }), fc.jsonValue({ maxDepth: 3 })), (type, properties) => {
        expectWellFormedResult(validateObject({ ...properties, type }), '');
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (objects) => {
        const validation = validateBundle({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects });
        expect(typeof validation.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('always reports a missing required property at its path', () => {
    const required = ['type', 'id', 'spec_version', 'created', 'modified', 'pattern', 'pattern_type', 'valid_from'];
    fc.assert(
      fc.property(validObjects.filter((object) => object.type === 'indicator'), fc.constantFrom(...required), (indicator, property) => {
        const damaged: Record<string, unknown> = { ...indicator };
        delete damaged[property];
        const result = validateObject(damaged);
        expect(result.ok).toBe(false);
        expect(result.errors).toContainEqual({ path: property, message: 'is required' });
      }),
      { numRuns: 300 },
    );
  });
});
