import {
  isTlpLevel,
  stricterTlp,
  TLP1_MARKING_DEFINITIONS,
  TLP2_EXTENSION_DEFINITION_ID,
  TLP2_MARKING_DEFINITIONS,
  TLP_LEVELS,
  TLP_MARKING_IDS,
  TLP_MARKINGS,
  tlpLevelOfMarkingRef,
  tlpMarkingRef,
  tlpOfObject,
} from './tlp';

describe('TLP markings', () => {
  it('knows the fixed TLP 1.0 marking-definition ids of the STIX 2.1 specification', () => {
    expect(TLP_MARKINGS.v1).toEqual({
      WHITE: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
      GREEN: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
      AMBER: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
      RED: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
    });
  });

  it('knows the OASIS TLP 2.0 marking-definition ids', () => {
    expect(TLP_MARKINGS.v2).toEqual({
      CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
      GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
      AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      AMBER_STRICT: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
    });
  });

  it('lists all nine TLP marking-definition ids', () => {
    expect(TLP_MARKING_IDS.size).toBe(9);
    expect(TLP_MARKING_IDS.has(TLP_MARKINGS.v1.WHITE)).toBe(true);
    expect(TLP_MARKING_IDS.has(TLP_MARKINGS.v2.AMBER_STRICT)).toBe(true);
    expect(TLP_MARKING_IDS.has('marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168')).toBe(false);
  });

  it('serves the TLP 2.0 marking-definitions exactly as OASIS publishes them', () => {
    expect(TLP2_MARKING_DEFINITIONS.AMBER_STRICT).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER+STRICT',
      extensions: { [TLP2_EXTENSION_DEFINITION_ID]: { extension_type: 'property-extension', tlp_2_0: 'amber+strict' } },
    });
    expect(TLP2_EXTENSION_DEFINITION_ID).toBe('extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d');
    for (const level of TLP_LEVELS) expect(TLP2_MARKING_DEFINITIONS[level].id).toBe(tlpMarkingRef(level));
  });

  it('serves the TLP 1.0 marking-definitions of the specification', () => {
    expect(TLP1_MARKING_DEFINITIONS.WHITE).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name: 'TLP:WHITE',
      definition: { tlp: 'white' },
    });
  });

  it('orders levels from CLEAR to RED', () => {
    expect(TLP_LEVELS).toEqual(['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED']);
    expect(stricterTlp('GREEN', 'AMBER')).toBe('AMBER');
    expect(stricterTlp('RED', 'AMBER_STRICT')).toBe('RED');
    expect(stricterTlp('AMBER_STRICT', 'AMBER')).toBe('AMBER_STRICT');
    expect(stricterTlp('CLEAR', 'CLEAR')).toBe('CLEAR');
  });

  it('reads TLP 1.0 and 2.0 marking refs, mapping WHITE to CLEAR', () => {
    expect(tlpLevelOfMarkingRef(TLP_MARKINGS.v1.WHITE)).toBe('CLEAR');
    expect(tlpLevelOfMarkingRef(TLP_MARKINGS.v1.AMBER)).toBe('AMBER');
    expect(tlpLevelOfMarkingRef(TLP_MARKINGS.v2.AMBER_STRICT)).toBe('AMBER_STRICT');
    expect(tlpLevelOfMarkingRef('marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168')).toBeUndefined();
  });

  it('finds the TLP of an object: the strictest of its TLP markings', () => {
    expect(tlpOfObject({ object_marking_refs: [TLP_MARKINGS.v2.GREEN] })).toBe('GREEN');
    expect(tlpOfObject({ object_marking_refs: [TLP_MARKINGS.v1.WHITE] })).toBe('CLEAR');
    expect(tlpOfObject({ object_marking_refs: [TLP_MARKINGS.v1.RED, TLP_MARKINGS.v2.GREEN, 'marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168'] })).toBe('RED');
    expect(tlpOfObject({ object_marking_refs: [TLP_MARKINGS.v2.AMBER, TLP_MARKINGS.v2.AMBER_STRICT] })).toBe('AMBER_STRICT');
    expect(tlpOfObject({ object_marking_refs: ['marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168'] })).toBeUndefined();
    expect(tlpOfObject({})).toBeUndefined();
    expect(tlpOfObject({ object_marking_refs: 'not a list' })).toBeUndefined();
  });

  it('recognises level names', () => {
    expect(isTlpLevel('AMBER_STRICT')).toBe(true);
    expect(isTlpLevel('WHITE')).toBe(false);
    expect(isTlpLevel(3)).toBe(false);
  });
});
