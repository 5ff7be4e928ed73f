import { referencedIds, withoutWithheldRefs } from './withheld-refs';

const report = {
  type: 'report',
  id: 'report--1',
  created_by_ref: 'identity--source',
  object_marking_refs: ['marking-definition--tlp'],
  object_refs: ['indicator--a', 'indicator--b', 'malware--c'],
  sample_ref: 'file--d',
};

describe('referencedIds', () => {
  it('lists shared content references, not the creator or the markings', () => {
    expect(referencedIds(report)).toEqual(['indicator--a', 'indicator--b', 'malware--c', 'file--d']);
  });
});

describe('withoutWithheldRefs', () => {
  it('drops withheld ids from lists and withheld single references, and leaves the rest', () => {
    const visible = withoutWithheldRefs(report, new Set(['indicator--b', 'file--d']));
    expect(visible).toEqual({ ...report, object_refs: ['indicator--a', 'malware--c'], sample_ref: undefined });
    expect('sample_ref' in visible).toBe(false);
  });

  it('returns the object itself when nothing is withheld', () => {
    expect(withoutWithheldRefs(report, new Set(['unrelated--x']))).toBe(report);
  });

  it('never touches created_by_ref or object_marking_refs', () => {
    const visible = withoutWithheldRefs(report, new Set(['identity--source', 'marking-definition--tlp']));
    expect(visible).toBe(report);
  });
});

describe('referencedIds of objects that stand on others', () => {
  it('leaves out the ends of a relationship and what a sighting saw, which the read query already checked', () => {
    const relationship = { type: 'relationship', id: 'relationship--1', source_ref: 'indicator--a', target_ref: 'malware--b', object_marking_refs: ['marking-definition--tlp'] };
    expect(referencedIds(relationship)).toEqual([]);
    const sighting = { type: 'sighting', id: 'sighting--1', sighting_of_ref: 'indicator--a', where_sighted_refs: ['identity--x'], observed_data_refs: ['observed-data--y'] };
    expect(referencedIds(sighting)).toEqual(['identity--x', 'observed-data--y']);
  });
});
