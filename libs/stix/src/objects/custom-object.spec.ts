import { expectClean, expectError, expectValid, expectWarning } from '../../test/expect-issues';

const TACTIC = {
  type: 'x-mitre-tactic',
  spec_version: '2.1',
  id: 'x-mitre-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a',
  created: '2020-01-01T00:00:00.000Z',
  modified: '2022-04-25T14:00:00.000Z',
  created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
  object_marking_refs: ['marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168'],
  name: 'Inhibit Response Function',
  description: 'The adversary is trying to prevent your safety, protection, quality assurance, and operator intervention functions from responding.',
  external_references: [{ external_id: 'TA0107', url: 'https://attack.mitre.org/tactics/TA0107', source_name: 'mitre-attack' }],
  x_mitre_shortname: 'inhibit-response-function',
  x_mitre_version: '1.0',
  x_mitre_domains: ['ics-attack'],
  x_mitre_modified_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
};

describe('custom objects', () => {
  // ATT&CK links its pages without hashes, which only draws the SHOULD of spec 2.5.
  const URL_WITHOUT_HASHES = { path: 'external_references[0].hashes', message: 'should be present when url is, to pin down the content the URL points to' };

  it('accepts an ATT&CK x-mitre-tactic and its x_mitre properties without other warnings', () => {
    expect(expectValid(TACTIC).warnings).toEqual([URL_WITHOUT_HASHES]);
  });

  it('lets a custom object define unprefixed properties of its own', () => {
    const matrix = { ...TACTIC, type: 'x-mitre-matrix', id: 'x-mitre-matrix--575f48f4-8897-4468-897b-48bb364af6c7', tactic_refs: [TACTIC.id] };
    expect(expectValid(matrix).warnings).toEqual([URL_WITHOUT_HASHES]);
  });

  it('accepts a custom observable without created and modified', () => {
    expectClean({ type: 'x-acme-beacon', id: 'x-acme-beacon--c9a3f2c4-67d4-4c7e-9d0b-2f71f6a3f1e1', interval_seconds: 60 });
  });

  it('accepts a new object type declared by an extension definition without warnings', () => {
    expectClean({
      type: 'my-favorite-sdo',
      spec_version: '2.1',
      id: 'my-favorite-sdo--ac97aae4-83f1-46ca-a351-7aeb76678189',
      created: '2014-02-20T09:16:08.989Z',
      modified: '2014-02-20T09:16:08.989Z',
      name: 'This is the name of my favorite',
      some_property_name1: 'value1',
      extensions: { 'extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62': { extension_type: 'new-sdo' } },
    });
  });

  it('accepts an undeclared custom type without the x- prefix, with a warning', () => {
    const object = { ...TACTIC, type: 'acme-tactic', id: 'acme-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a' };
    expectValid(object);
    expectWarning(object, {
      path: 'type',
      message: '"acme-tactic" is not a STIX 2.1 object type (custom object types should start with x- or be defined by an extension definition)',
    });
  });

  it('rejects custom types that break the naming rules', () => {
    expectError({ ...TACTIC, type: 'X_Mitre_Tactic' }, { path: 'type', message: 'is not a valid object type: types are 3–250 characters of a–z, 0–9 and "-", without "--" (got "X_Mitre_Tactic")' });
    expectError({ ...TACTIC, type: 'x--tactic' }, { path: 'type', message: 'is not a valid object type: types are 3–250 characters of a–z, 0–9 and "-", without "--" (got "x--tactic")' });
  });

  it('applies the common rules to custom objects', () => {
    expectError({ ...TACTIC, id: 'x-mitre-matrix--575f48f4-8897-4468-897b-48bb364af6c7' }, {
      path: 'id',
      message: 'must start with "x-mitre-tactic--" to match the object type (got "x-mitre-matrix--575f48f4-8897-4468-897b-48bb364af6c7")',
    });
    expectError({ ...TACTIC, modified: '2019-01-01T00:00:00.000Z' }, { path: 'modified', message: 'must be later than or equal to created (2020-01-01T00:00:00.000Z)' });
    expectError({ ...TACTIC, modified: undefined }, { path: 'modified', message: 'is required when created is present' });
    expectError({ ...TACTIC, created_by_ref: 'x-mitre-tactic--69da72d2-f550-41c5-ab9e-e8255707f28a' }, { path: 'created_by_ref', message: 'must reference an identity, not an x-mitre-tactic' });
    expectError({ ...TACTIC, 'Bad Name': 1 }, { path: "['Bad Name']", message: 'is not a valid property name: custom property names must be 3–250 characters of a–z, 0–9 and "_", starting with a letter' });
    expectError({ ...TACTIC, id: undefined }, { path: 'id', message: 'is required' });
  });

  it('asks domain-like custom objects for a spec_version', () => {
    expectWarning({ ...TACTIC, spec_version: undefined }, { path: 'spec_version', message: 'should be "2.1" for a STIX 2.1 object' });
  });
});
