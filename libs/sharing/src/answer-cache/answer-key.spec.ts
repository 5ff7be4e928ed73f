import type { MemberViewer } from '@hub/access';
import { ANONYMOUS_VIEWER } from '@hub/access';
import { answerKey } from './answer-key';

const viewer: MemberViewer = {
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  role: 'ANALYST',
  organizationId: '00000000-0000-4000-8000-000000000002',
  organizationKind: 'PRIVATE',
  sharingGroupIds: ['00000000-0000-4000-8000-000000000003'],
};
const request = { query: '{ objects { totalCount } }', variables: { first: 10, filter: { types: ['indicator'] } } };

describe('answerKey', () => {
  it('is the same for the same viewer and request, whatever the order of object keys', () => {
    const reordered = { sharingGroupIds: viewer.sharingGroupIds, organizationKind: viewer.organizationKind, organizationId: viewer.organizationId, role: viewer.role, userId: viewer.userId, kind: viewer.kind };
    expect(answerKey(reordered as MemberViewer, { query: request.query, variables: { filter: { types: ['indicator'] }, first: 10 } })).toBe(answerKey(viewer, request));
  });

  it.each<[string, MemberViewer]>([
    ['another person', { ...viewer, userId: '00000000-0000-4000-8000-000000000009' }],
    ['another role', { ...viewer, role: 'MEMBER' }],
    ['another organisation', { ...viewer, organizationId: '00000000-0000-4000-8000-000000000009' }],
    ['another kind of organisation', { ...viewer, organizationKind: 'PUBLIC' }],
    ['one group fewer', { ...viewer, sharingGroupIds: [] }],
    ['the hub operator', { ...viewer, operator: true }],
    ['a key of the person', { ...viewer, kind: 'key', keyId: 'k', keyDistribution: 'INTERNAL' }],
    ['a field the viewer may gain later', { ...viewer, clearance: 'x' } as MemberViewer],
  ])('differs for %s', (_, other) => {
    expect(answerKey(other, request)).not.toBe(answerKey(viewer, request));
  });

  it('differs between key distributions, and for nobody signed in', () => {
    const key: MemberViewer = { ...viewer, kind: 'key', keyId: 'k', keyDistribution: 'INTERNAL' };
    expect(answerKey({ ...key, keyDistribution: 'CLIENTS' }, request)).not.toBe(answerKey(key, request));
    expect(answerKey(ANONYMOUS_VIEWER, request)).not.toBe(answerKey(viewer, request));
  });

  it.each([
    ['another query', { ...request, query: '{ objects { edges { cursor } } }' }],
    ['other variables', { ...request, variables: { first: 11 } }],
    ['no variables', { query: request.query }],
    ['an operation name', { ...request, operationName: 'Feed' }],
    ['another Accept header', { ...request, accept: 'application/graphql-response+json' }],
  ])('differs for %s', (_, other) => {
    expect(answerKey(viewer, other)).not.toBe(answerKey(viewer, request));
  });
});
