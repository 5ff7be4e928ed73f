import { ANONYMOUS_VIEWER, MemberViewer, readableCondition, viewerTokens } from '@hub/access';
import { taxiiReader } from './taxii-reader';

const person: MemberViewer = { kind: 'user', userId: 'u1', role: 'MEMBER', organizationId: 'o1', organizationKind: 'PUBLIC', sharingGroupIds: ['g1'] };

describe('taxiiReader', () => {
  it('reads for a person as an INTERNAL key of their organisation: no RED, no personal token', () => {
    const reader = taxiiReader(person);
    expect(viewerTokens(reader)).toEqual(['org:o1', 'group:g1', 'audience:PUBLIC_SECTOR']);
    expect(readableCondition(reader, 'o', () => '$1')).toContain('o.tlp <> 4');
    expect(readableCondition(reader, 'o', () => '$1')).not.toContain('o.tlp <> 3');
  });

  it('leaves keys (CLIENTS keys stay CLIENTS) and the public as they are', () => {
    const clients: MemberViewer = { ...person, kind: 'key', keyId: 'k1', keyDistribution: 'CLIENTS' };
    expect(taxiiReader(clients)).toBe(clients);
    expect(taxiiReader(ANONYMOUS_VIEWER)).toBe(ANONYMOUS_VIEWER);
  });
});
