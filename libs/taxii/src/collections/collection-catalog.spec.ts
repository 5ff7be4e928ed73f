import { ANONYMOUS_VIEWER, MemberViewer } from '@hub/access';
import { collectionIdOf, collectionsFor } from './collection-catalog';

const member: MemberViewer = { kind: 'key', userId: 'u1', role: 'MEMBER', organizationId: 'o1', organizationKind: 'PRIVATE', sharingGroupIds: ['g1'], keyId: 'k1', keyDistribution: 'INTERNAL' };
const groups = [{ id: 'g1', name: 'Regional hospitals' }];

describe('collectionsFor', () => {
  it('gives the public the CLEAR collection only', () => {
    expect(collectionsFor(ANONYMOUS_VIEWER, groups).map((collection) => collection.title)).toEqual(['TLP:CLEAR']);
  });

  it('gives a member one collection per TLP level short of RED, one per sharing group, and submit', () => {
    const collections = collectionsFor(member, groups);
    expect(collections.map((collection) => collection.title)).toEqual([
      'TLP:CLEAR',
      'TLP:GREEN',
      'TLP:AMBER',
      'TLP:AMBER+STRICT',
      'Sharing group: Regional hospitals',
      'Submit',
    ]);
    expect(collections.find((collection) => collection.title === 'Submit')).toMatchObject({ canRead: false, canWrite: true, submitAs: { tlp: 'GREEN' } });
    expect(collections[4]).toMatchObject({ canRead: true, canWrite: true, submitAs: { tlp: 'AMBER', audience: { sharingGroupIds: ['g1'] } } });
  });

  it('never gives a CLIENTS key AMBER+STRICT', () => {
    const titles = collectionsFor({ ...member, keyDistribution: 'CLIENTS' }, groups).map((collection) => collection.title);
    expect(titles).not.toContain('TLP:AMBER+STRICT');
    expect(titles).toContain('TLP:AMBER');
  });

  it('lets focal points and admins read but not write', () => {
    const collections = collectionsFor({ ...member, role: 'FOCAL_POINT' }, groups);
    expect(collections.every((collection) => !collection.canWrite)).toBe(true);
  });

  it('keeps ids stable and distinct', () => {
    expect(collectionIdOf({ kind: 'tlp', tlp: 'GREEN' })).toBe(collectionIdOf({ kind: 'tlp', tlp: 'GREEN' }));
    const ids = collectionsFor(member, groups).map((collection) => collection.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
  });
});
