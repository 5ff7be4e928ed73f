import { readFileSync } from 'node:fs';
import { scoId, tlpOfObject, validateObject } from '@hub/stix';
import { collect } from '../common/iterables';
import { isStix20, upgradeStix20Bundle, upgradeStix20Object, upgradeStix20Objects } from './upgrade';

const bundle = JSON.parse(readFileSync(new URL('../../test/stix20/bundle-2.0.json', import.meta.url), 'utf8')) as { objects: Record<string, unknown>[] };
const { objects, issues } = upgradeStix20Bundle(bundle);
const find = (id: string) => objects.find((object) => object.id === id)!;

describe('upgradeStix20Bundle', () => {
  it('yields objects that validate as STIX 2.1', () => {
    for (const object of objects) {
      const result = validateObject(object);
      expect({ id: object.id, errors: result.errors }).toEqual({ id: object.id, errors: [] });
    }
  });

  it('puts spec_version 2.1 on every object', () => {
    expect(objects.every((object) => object.spec_version === '2.1')).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['indicator labels -> indicator_types, pattern_type stix', { indicator_types: ['malicious-activity'], pattern_type: 'stix' }, ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f']],
    ['malware labels -> malware_types, is_family', { malware_types: ['ransomware', 'worm'], is_family: true }, ['malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111']],
    ['tool labels -> tool_types', { tool_types: ['exploitation'] }, ['tool--8e5c3a2b-1f4d-4c6b-9a8e-7d6c5b4a3f2e']],
    ['threat-actor labels -> threat_actor_types', { threat_actor_types: ['nation-state'] }, ['threat-actor--56f3f0db-b5d5-431c-ae56-c18f02caf500']],
    ['report labels -> report_types', { report_types: ['threat-report'] }, ['report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3']],
    ['identity_class and sectors kept', { identity_class: 'organization', sectors: ['healthcare'] }, ['identity--a463ffb3-1bd9-4d94-b02d-74e4f1658283']],
  ])('%s', (_name, expected, [id]) => {
    expect(find(id)).toMatchObject(expected);
    expect(find(id).labels).toBeUndefined();
  });

  it('keeps TLP 1.0 markings, which the hub reads as TLP 2.0 levels', () => {
    expect(find('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82')).toMatchObject({ definition_type: 'tlp', definition: { tlp: 'amber' } });
    expect(tlpOfObject(find('indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'))).toBe('AMBER');
  });

  it('turns the observed-data objects dictionary into SCOs with deterministic ids and object_refs', () => {
    const observed = find('observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf');
    expect(observed.objects).toBeUndefined();
    const refs = observed.object_refs as string[];
    expect(refs.map((id) => id.split('--')[0])).toEqual(['file', 'directory', 'ipv4-addr', 'network-traffic', 'ipv4-addr', 'domain-name', 'process']);
    const [file, directory, target, traffic, source, domain, process] = refs.map(find);
    expect(directory.id).toBe(scoId({ type: 'directory', path: 'C:\\ProgramData\\wnzobwkhqfr520' }));
    expect(target.id).toBe('ipv4-addr--' + scoId({ type: 'ipv4-addr', value: '203.0.113.88' }).split('--')[1]);
    expect(file).toMatchObject({ parent_directory_ref: directory.id, ctime: '2017-05-12T07:44:01Z', name: 'tasksche.exe' });
    expect(file.created).toBeUndefined();
    expect(traffic).toMatchObject({ src_ref: source.id, dst_ref: target.id, dst_port: 445 });
    expect(domain).toMatchObject({ resolves_to_refs: [target.id] });
    expect(process).toMatchObject({ image_ref: file.id, created_time: '2017-05-12T07:44:02Z', pid: 2412 });
    // The same observable always gets the same id: importing twice does not duplicate it.
    expect(upgradeStix20Bundle(bundle).objects.map((object) => object.id)).toEqual(objects.map((object) => String(object.id)).map((id) => (id.startsWith('process--') ? expect.stringMatching(/^process--/) : id)));
  });

  it('reports what 2.1 has no place for', () => {
    expect(issues).toEqual([{ path: 'objects[8].objects.6.name', message: 'has no STIX 2.1 counterpart on process and is dropped' }]);
  });

  it('is told apart from 2.1', () => {
    expect(isStix20(bundle)).toBe(true);
    expect(isStix20({ type: 'bundle', id: 'bundle--x', objects: objects })).toBe(false);
    expect(isStix20({ type: 'indicator' })).toBe(true);
  });
});

describe('upgradeStix20Object', () => {
  it('passes a 2.1 object unchanged', () => {
    const object = { type: 'indicator', spec_version: '2.1', labels: ['kept'] };
    expect(upgradeStix20Object(object)).toEqual({ objects: [object], issues: [] });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing reference', { '0': { type: 'network-traffic', dst_ref: '9', protocols: ['tcp'] } }, "refers to '9', which is not a usable object of the objects dictionary"],
    ['a reference cycle', { '0': { type: 'domain-name', value: 'a.example.com', resolves_to_refs: ['1'] }, '1': { type: 'domain-name', value: 'b.example.com', resolves_to_refs: ['0'] } }, 'is part of a reference cycle; the reference is dropped'],
    ['an unknown observable type', { '0': { type: 'x-thing', value: 1 } }, "'x-thing' is not a STIX cyber-observable type"],
  ])('reports %s', (_name, dictionary, message) => {
    const result = upgradeStix20Object({ type: 'observed-data', id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf', first_observed: '2017-01-01T00:00:00Z', last_observed: '2017-01-01T00:00:00Z', number_observed: 1, objects: dictionary }, 'objects[0]');
    expect(result.issues).toEqual(expect.arrayContaining([expect.objectContaining({ message })]));
  });

  it('refuses what is not an object', () => {
    expect(upgradeStix20Object(42, 'objects[1]')).toEqual({ objects: [], issues: [{ path: 'objects[1]', message: 'is not a STIX object (no type)' }] });
  });
});

describe('upgradeStix20Objects (streaming)', () => {
  it('gives one result per input object, in order', async () => {
    const results = await collect(upgradeStix20Objects(bundle.objects));
    expect(results.flatMap((result) => result.objects).map((object) => object.id)).toEqual(objects.map((object) => (String(object.id).startsWith('process--') ? expect.stringMatching(/^process--/) : object.id)));
  });
});
