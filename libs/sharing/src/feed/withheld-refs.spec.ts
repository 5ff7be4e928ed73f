import { mayReferToCheckedIds, referenceKeyCount, referencedIds, withoutWithheldRefs } from './withheld-refs';

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

  it('finds references at any depth: extensions, custom properties, lists of objects', () => {
    const email = {
      type: 'email-message',
      id: 'email-message--1',
      from_ref: 'email-addr--from',
      body_multipart: [{ body_raw_ref: 'artifact--raw' }, { body: 'text' }],
      extensions: { 'extension-definition--x': { extension_type: 'property-extension', related_ref: 'ipv4-addr--a', seen_refs: ['file--b'] } },
      x_links: { deep: [{ target_ref: 'malware--c' }] },
      granular_markings: [{ marking_ref: 'marking-definition--m', selectors: ['from_ref'] }],
    };
    expect(referencedIds(email)).toEqual(['email-addr--from', 'artifact--raw', 'ipv4-addr--a', 'file--b', 'malware--c']);
  });
});

describe('withoutWithheldRefs', () => {
  it('keeps only the references the viewer may follow, in lists and single references', () => {
    const visible = withoutWithheldRefs(report, new Set(['indicator--a', 'malware--c']));
    expect(visible).toEqual({ ...report, object_refs: ['indicator--a', 'malware--c'], sample_ref: undefined });
    expect('sample_ref' in visible).toBe(false);
  });

  it('returns the object itself when every reference may be followed', () => {
    expect(withoutWithheldRefs(report, new Set(['indicator--a', 'indicator--b', 'malware--c', 'file--d']))).toBe(report);
  });

  it('never touches created_by_ref, object_marking_refs or granular markings, and keeps references to the creator', () => {
    const signed = { ...report, object_refs: ['identity--source'], granular_markings: [{ marking_ref: 'marking-definition--m', selectors: ['name'] }] };
    const visible = withoutWithheldRefs(signed, new Set(['file--d']));
    expect(visible).toBe(signed);
  });

  it('drops references below the top level and leaves everything else of the object as it was', () => {
    const email = {
      type: 'email-message',
      id: 'email-message--1',
      from_ref: 'email-addr--from',
      body_multipart: [{ body_raw_ref: 'artifact--raw', content_type: 'text/plain' }, { body: 'text' }],
      extensions: { 'extension-definition--x': { extension_type: 'property-extension', related_ref: 'ipv4-addr--a', seen_refs: ['file--b', 'file--c'] } },
      x_links: { deep: [{ target_ref: 'malware--c', note: 'kept' }] },
    };
    const visible = withoutWithheldRefs(email, new Set(['email-addr--from', 'file--c']));
    expect(visible).toEqual({
      type: 'email-message',
      id: 'email-message--1',
      from_ref: 'email-addr--from',
      body_multipart: [{ content_type: 'text/plain' }, { body: 'text' }],
      extensions: { 'extension-definition--x': { extension_type: 'property-extension', seen_refs: ['file--c'] } },
      x_links: { deep: [{ note: 'kept' }] },
    });
    // The stored object is not changed.
    expect(email.body_multipart[0]).toEqual({ body_raw_ref: 'artifact--raw', content_type: 'text/plain' });
  });
});

describe('referencedIds of objects that stand on others', () => {
  it('leaves out the ends of a relationship and what a sighting saw, which the read query already checked', () => {
    const relationship = { type: 'relationship', id: 'relationship--1', source_ref: 'indicator--a', target_ref: 'malware--b', object_marking_refs: ['marking-definition--tlp'] };
    expect(referencedIds(relationship)).toEqual([]);
    expect(withoutWithheldRefs(relationship, new Set())).toBe(relationship);
    const sighting = { type: 'sighting', id: 'sighting--1', sighting_of_ref: 'indicator--a', where_sighted_refs: ['identity--x'], observed_data_refs: ['observed-data--y'] };
    expect(referencedIds(sighting)).toEqual(['identity--x', 'observed-data--y']);
  });
});

describe('mayReferToCheckedIds', () => {
  // PostgreSQL's jsonb text: `"key": value, ...`; JSON.stringify's: `"key":value,...`.
  const asStored = (stix: Record<string, unknown>) => JSON.stringify(stix).replace(/":/g, '": ');
  // What the database counts (exemptReferenceKeysColumn): the kept and required top-level references.
  const exempt = (stix: Record<string, unknown>) =>
    'granular_markings' in stix ? null : ['created_by_ref', 'object_marking_refs', ...(stix.type === 'relationship' ? ['source_ref', 'target_ref'] : stix.type === 'sighting' ? ['sighting_of_ref'] : [])].filter((key) => key in stix).length;

  const cases: Record<string, unknown>[] = [
    report,
    { type: 'indicator', id: 'indicator--1', created_by_ref: 'identity--s', object_marking_refs: ['marking-definition--m'], description: 'see x_ref": here, and "_refs": too' },
    { type: 'relationship', id: 'relationship--1', source_ref: 'indicator--a', target_ref: 'malware--b', created_by_ref: 'identity--s' },
    { type: 'relationship', id: 'relationship--2', source_ref: 'indicator--a', target_ref: 'malware--b', x_seen_ref: 'file--c' },
    { type: 'sighting', id: 'sighting--1', sighting_of_ref: 'indicator--a', where_sighted_refs: ['identity--w'] },
    { type: 'sighting', id: 'sighting--2', sighting_of_ref: 'indicator--a' },
    { type: 'indicator', id: 'indicator--2', created_by_ref: 'identity--s', extensions: { 'extension-definition--x': { created_by_ref: 'identity--nested' } } },
    { type: 'note', id: 'note--1', x_deep: [[{ a: { 'weird "key"_ref': 'malware--q' } }]] },
    { type: 'note', id: 'note--2', granular_markings: [{ marking_ref: 'marking-definition--m', selectors: ['content'] }], content: 'text' },
    { type: 'malware', id: 'malware--1', name: 'ends with _ref', x_value: 'a_ref', x_list: ['b_refs'] },
  ];

  it.each(cases.map((stix) => [stix.id, stix]))('never says no when referencedIds finds an id (%s)', (_, stix) => {
    const stored = stix as Record<string, unknown>;
    for (const json of [asStored(stored), JSON.stringify(stored)]) {
      if (referencedIds(stored).length) expect(mayReferToCheckedIds(json, exempt(stored))).toBe(true);
    }
  });

  it('needs no parsing for objects whose only references are the kept and required ones', () => {
    for (const stix of [cases[1], cases[2], cases[5], cases[9]]) expect(mayReferToCheckedIds(asStored(stix), exempt(stix))).toBe(false);
  });

  it('counts keys ending in _ref or _refs at any depth, not values', () => {
    expect(referenceKeyCount(asStored(cases[6]))).toBe(2);
    expect(referenceKeyCount(asStored(cases[9]))).toBe(0);
    expect(referenceKeyCount(asStored(cases[1]))).toBe(2);
  });
});
