import { TLP_MARKING_IDS } from '@hub/stix';
import type { PreparedObject } from './prepared-object';
import { thirdPartyConflict } from './stix-object.writer';

const [tlpA, tlpB] = [...TLP_MARKING_IDS];
const stix = { type: 'attack-pattern', id: 'attack-pattern--1', created_by_ref: 'identity--mitre', modified: '2024-01-01T00:00:00.000Z', name: 'Phishing', external_references: [{ source_name: 'mitre-attack', external_id: 'T1566' }] };
const prepared = (content: Record<string, unknown>) => ({ stix: content }) as unknown as PreparedObject;

describe('thirdPartyConflict', () => {
  it('is none for the same content, whatever the key order and the TLP markings', () => {
    const stored = { ...Object.fromEntries(Object.entries(stix).reverse()), object_marking_refs: [tlpA, 'marking-definition--copyright'] };
    expect(thirdPartyConflict(prepared({ ...stix, object_marking_refs: [tlpB, 'marking-definition--copyright'] }), stored)).toBeUndefined();
  });

  it('names different content, another marking than TLP, and a version nobody shared', () => {
    expect(thirdPartyConflict(prepared({ ...stix, name: 'Spearphishing' }), stix)).toMatchObject({ path: 'id', message: expect.stringMatching(/different content/) });
    expect(thirdPartyConflict(prepared({ ...stix, object_marking_refs: ['marking-definition--other'] }), stix)).toMatchObject({ path: 'id' });
    expect(thirdPartyConflict(prepared(stix), undefined)).toMatchObject({ path: 'modified', message: expect.stringMatching(/different version/) });
  });
});
