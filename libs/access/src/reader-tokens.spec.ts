import { EMPTY_AUDIENCE } from './audience';
import { readerTokens, viewerTokens } from './reader-tokens';
import { MemberViewer } from './viewer';

const member: MemberViewer = {
  kind: 'user',
  userId: 'u1',
  role: 'MEMBER',
  organizationId: 'o1',
  organizationKind: 'PUBLIC',
  sharingGroupIds: ['g1', 'g2'],
};

describe('viewerTokens', () => {
  it('gives nothing to the public', () => {
    expect(viewerTokens({ kind: 'anonymous' })).toEqual([]);
  });

  it('names the organisation, its groups, its built-in audience and the person', () => {
    expect(viewerTokens(member)).toEqual(['org:o1', 'group:g1', 'group:g2', 'audience:PUBLIC_SECTOR', 'user:u1']);
  });

  it('keeps the hub operator organisation out of the built-in audiences', () => {
    expect(viewerTokens({ ...member, operator: true })).toEqual(['org:o1', 'group:g1', 'group:g2', 'user:u1']);
  });

  it('never names a person for an API key', () => {
    const key: MemberViewer = { ...member, kind: 'key', keyId: 'k1', keyDistribution: 'INTERNAL', organizationKind: 'PRIVATE' };
    expect(viewerTokens(key)).toEqual(['org:o1', 'group:g1', 'group:g2', 'audience:PRIVATE_SECTOR']);
  });
});

describe('readerTokens', () => {
  const base = { sourceOrganizationId: 'src', submittedByUserId: 'sub' };

  it('stores none for CLEAR and GREEN', () => {
    expect(readerTokens({ ...base, tlp: 'CLEAR', audience: EMPTY_AUDIENCE })).toEqual([]);
    expect(readerTokens({ ...base, tlp: 'GREEN', audience: EMPTY_AUDIENCE })).toEqual([]);
  });

  it('lets the source organisation and every named recipient read AMBER', () => {
    const audience = { organizationIds: ['o2'], sharingGroupIds: ['g9'], audiences: ['PRIVATE_SECTOR' as const], userIds: ['u7'] };
    expect(readerTokens({ ...base, tlp: 'AMBER', audience })).toEqual(['org:src', 'org:o2', 'group:g9', 'audience:PRIVATE_SECTOR', 'user:sub', 'user:u7']);
    expect(readerTokens({ ...base, tlp: 'AMBER_STRICT', audience })).toContain('org:src');
  });

  it('keeps RED to the submitting person and the named people, not their colleagues', () => {
    const audience = { ...EMPTY_AUDIENCE, userIds: ['u7', 'sub'] };
    expect(readerTokens({ ...base, tlp: 'RED', audience })).toEqual(['user:sub', 'user:u7']);
  });
});
