import { example, META_EXAMPLES } from '../../../test/examples';
import { expectClean, expectError, expectValid, expectWarning, type IssueCase } from '../../../test/expect-issues';
import { TLP1_MARKING_DEFINITIONS, TLP2_EXTENSION_DEFINITION_ID, TLP2_MARKING_DEFINITIONS, TLP2_MARKING_IDS } from '../../tlp';
import { validateObject } from '../validate';

const TLP2 = TLP2_EXTENSION_DEFINITION_ID;

function tlp2Marking(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(TLP2_MARKING_DEFINITIONS.AMBER), ...changes };
}

describe('STIX meta objects', () => {
  it.each(Object.keys(META_EXAMPLES))('accepts the specification example of %s without warnings', (type) => {
    expectClean(example(type));
  });

  it.each(Object.entries(TLP1_MARKING_DEFINITIONS))('accepts the TLP 1.0 %s marking definition of the specification', (_level, marking) => {
    expectClean(marking);
  });

  it.each(Object.entries(TLP2_MARKING_DEFINITIONS))('accepts the OASIS TLP 2.0 %s marking definition', (_level, marking) => {
    expectClean(marking);
  });

  it('accepts the copyright statement marking that ships with MITRE ATT&CK', () => {
    expectClean({
      definition: { statement: 'Copyright 2015-2025, The MITRE Corporation. MITRE ATT&CK and ATT&CK are registered trademarks of The MITRE Corporation.' },
      id: 'marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168',
      type: 'marking-definition',
      spec_version: '2.1',
      created: '2017-06-01T00:00:00.000Z',
      created_by_ref: 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5',
      definition_type: 'statement',
    });
  });

  const errors: IssueCase[] = [
    [
      'marking definition with neither a definition nor an extension',
      example('marking-definition', { definition_type: undefined, definition: undefined }),
      { path: 'definition', message: 'is required unless the marking is defined by an extension' },
    ],
    ['statement marking without a statement', example('marking-definition', { definition: { text: 'Copyright' } }), { path: 'definition.statement', message: 'is required' }],
    ['statement marking whose statement is not text', example('marking-definition', { definition: { statement: 42 } }), { path: 'definition.statement', message: 'must be a string' }],
    [
      'TLP 1.0 marking with a made-up id',
      example('marking-definition', { definition_type: 'tlp', definition: { tlp: 'green' } }),
      { path: 'id', message: 'must be marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da: TLP 1.0 markings use the fixed ids of the STIX specification' },
    ],
    [
      'TLP 1.0 marking with an unknown colour',
      { ...TLP1_MARKING_DEFINITIONS.RED, definition: { tlp: 'purple' } },
      { path: 'definition.tlp', message: 'must be "red" (got "purple"), as in the published TLP:RED marking definition' },
    ],
    [
      'statement marking that takes a TLP 1.0 id',
      example('marking-definition', { id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9' }),
      { path: 'definition_type', message: 'must be "tlp" (got "statement"), as in the published TLP:WHITE marking definition' },
    ],
    [
      'TLP 2.0 marking whose level does not match its id',
      tlp2Marking({ extensions: { [TLP2]: { extension_type: 'property-extension', tlp_2_0: 'red' } } }),
      { path: `extensions['${TLP2}'].tlp_2_0`, message: 'must be "amber" (got "red"), as in the published TLP:AMBER marking definition' },
    ],
    [
      'TLP 2.0 marking under a made-up id',
      tlp2Marking({ id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c2', extensions: { [TLP2]: { extension_type: 'property-extension', tlp_2_0: 'red' } } }),
      { path: 'id', message: `must be ${TLP2_MARKING_IDS.RED}: TLP 2.0 markings use the fixed ids published by OASIS` },
    ],
    [
      'TLP 2.0 marking with the wrong name',
      tlp2Marking({ name: 'TLP:YELLOW' }),
      { path: 'name', message: 'must be "TLP:AMBER" (got "TLP:YELLOW"), as in the published TLP:AMBER marking definition' },
    ],
    [
      'TLP 2.0 marking with an unknown level',
      tlp2Marking({ extensions: { [TLP2]: { extension_type: 'property-extension', tlp_2_0: 'amber+lenient' } } }),
      { path: `extensions['${TLP2}'].tlp_2_0`, message: 'must be "amber" (got "amber+lenient"), as in the published TLP:AMBER marking definition' },
    ],
    [
      'TLP 2.0 marking that is not a property extension',
      tlp2Marking({ extensions: { [TLP2]: { extension_type: 'new-sdo', tlp_2_0: 'amber' } } }),
      { path: `extensions['${TLP2}'].extension_type`, message: 'must be "property-extension" (got "new-sdo"), as in the published TLP:AMBER marking definition' },
    ],
    [
      'TLP 2.0 marking id without the TLP 2.0 extension',
      { ...example('marking-definition'), id: TLP2_MARKING_IDS.GREEN, extensions: { 'x-acme': { level: 'green' } } },
      { path: `extensions['${TLP2}']`, message: 'is required, as in the published TLP:GREEN marking definition' },
    ],
    [
      'TLP 2.0 marking re-declared under its id with another creator',
      tlp2Marking({ created_by_ref: 'identity--311b2d2d-f010-4473-83ec-1edf84858f4c' }),
      { path: 'created_by_ref', message: 'must not be present: the published TLP:AMBER marking definition has no created_by_ref' },
    ],
    [
      'TLP 1.0 marking re-declared under its id with another statement of its level',
      { ...TLP1_MARKING_DEFINITIONS.GREEN, name: 'TLP:GREEN (share freely)' },
      { path: 'name', message: 'must be "TLP:GREEN" (got "TLP:GREEN (share freely)"), as in the published TLP:GREEN marking definition' },
    ],
    [
      'TLP 2.0 marking re-declared with a custom property',
      tlp2Marking({ x_acme_order: 3 }),
      { path: 'x_acme_order', message: 'must not be present: the published TLP:AMBER marking definition has no x_acme_order' },
    ],
    [
      'marking definition that marks itself',
      example('marking-definition', { object_marking_refs: ['marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41db'] }),
      { path: 'object_marking_refs[0]', message: 'must not reference the marking definition itself' },
    ],
    ['marking definition without created', example('marking-definition', { created: undefined }), { path: 'created', message: 'is required' }],
    ['language-content without object_ref', example('language-content', { object_ref: undefined }), { path: 'object_ref', message: 'is required' }],
    ['language-content without contents', example('language-content', { contents: undefined }), { path: 'contents', message: 'is required' }],
    [
      'language-content keyed by something other than a language',
      example('language-content', { contents: { 'Deutsch!': { name: 'Bank Angriff 1' } } }),
      { path: "contents['Deutsch!']", message: 'must be keyed by RFC 5646 language codes such as "de" or "fr-CA" (got "Deutsch!")' },
    ],
    ['language-content with empty contents', example('language-content', { contents: {} }), { path: 'contents', message: 'must not be empty' }],
    [
      'language-content whose translations are not a dictionary',
      example('language-content', { contents: { de: 'Bank Angriff 1' } }),
      { path: 'contents.de', message: 'must be an object (got "Bank Angriff 1")' },
    ],
    ['extension-definition without its creator', example('extension-definition', { created_by_ref: undefined }), { path: 'created_by_ref', message: 'is required' }],
    ['extension-definition without a schema', example('extension-definition', { schema: undefined }), { path: 'schema', message: 'is required' }],
    ['extension-definition without a version', example('extension-definition', { version: undefined }), { path: 'version', message: 'is required' }],
    [
      'extension-definition with an unknown extension type',
      example('extension-definition', { extension_types: ['new-smo'] }),
      {
        path: 'extension_types[0]',
        message: 'must be one of extension-type-enum: "new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension" (got "new-smo")',
      },
    ],
    ['extension-definition with no extension types', example('extension-definition', { extension_types: [] }), { path: 'extension_types', message: 'must not be empty' }],
    [
      'extension-definition listing properties of a non-toplevel extension',
      example('extension-definition', { extension_properties: ['rank'] }),
      { path: 'extension_properties', message: 'may only be used when extension_types includes toplevel-property-extension' },
    ],
  ];

  it.each(errors)('rejects a %s', (_description, object, issue) => {
    expectError(object, issue);
  });

  const warnings: IssueCase[] = [
    ['marking definition with a modified timestamp', example('marking-definition', { modified: '2016-08-01T00:00:00.000Z' }), { path: 'modified', message: 'is not a property of marking-definition objects (they cannot be versioned or revoked)' }],
    ['marking definition of an unknown definition type', example('marking-definition', { definition_type: 'acs', definition: { level: 'x' } }), { path: 'definition_type', message: '"acs" is not a definition type of STIX 2.1 (statement, tlp); new marking types should use an extension definition' }],
    ['language-content with a lang', example('language-content', { lang: 'en' }), { path: 'lang', message: 'is not a property of language-content objects' }],
    ['extension-definition with a version that is not semantic', example('extension-definition', { version: 'v2' }), { path: 'version', message: 'should be a semantic version such as 1.0.0 (got "v2")' }],
    ['extension-definition with a confidence', example('extension-definition', { confidence: 50 }), { path: 'confidence', message: 'is not a property of extension-definition objects' }],
  ];

  it.each(warnings)('accepts, with a warning, a %s', (_description, object, issue) => {
    expectValid(object);
    expectWarning(object, issue);
  });

  it('accepts an extension definition of top-level properties that lists them', () => {
    expectClean(example('extension-definition', { extension_types: ['toplevel-property-extension'], extension_properties: ['toxicity', 'rank'] }));
  });

  it('accepts marking definitions that are extension-based (no definition_type)', () => {
    const result = validateObject({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b83',
      created: '2022-01-01T00:00:00.000Z',
      name: 'Internal handling: patient data',
      extensions: { 'extension-definition--3a65884d-005a-4290-8335-cb2d778a83ce': { extension_type: 'property-extension', identifier: 'isa:guide.19001.ACS3' } },
    });
    expect(result.errors).toEqual([]);
  });
});
