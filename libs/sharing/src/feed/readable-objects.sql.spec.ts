import { ANONYMOUS_VIEWER, MemberViewer } from '@hub/access';
import { SqlParams } from '../store/sql-params';
import { objectColumns, readableObjectsWhere } from './readable-objects.sql';

const person: MemberViewer = { kind: 'user', userId: 'u1', role: 'MEMBER', organizationId: 'o1', organizationKind: 'PRIVATE', sharingGroupIds: [] };
const key: MemberViewer = { ...person, kind: 'key', keyId: 'k1', keyDistribution: 'INTERNAL' };

describe('readableObjectsWhere and objectColumns', () => {
  it("show a person's own submissions as submitted, and nobody else's", () => {
    const params = new SqlParams();
    const sql = `${readableObjectsWhere(person, {}, params)} ${objectColumns(person, params)}`;
    expect(sql).toMatch(/o\.submitted_by = \$\d+::uuid/);
    expect(params.values).toContain('u1');
  });

  it.each([
    ['an API key of that person', key],
    ['the public', ANONYMOUS_VIEWER],
  ])('never for %s: a key may carry less than its person reads', (_, viewer) => {
    const params = new SqlParams();
    const sql = `${readableObjectsWhere(viewer, {}, params)} ${objectColumns(viewer, params)}`;
    expect(sql).not.toContain('submitted_by');
    expect(params.values).not.toContain('u1');
  });

  it('asks whether what a row stands on may be followed, never whether it is stored', () => {
    const sql = readableObjectsWhere(person, {}, new SqlParams());
    expect(sql).not.toMatch(/EXISTS \(SELECT 1 FROM stix_object \w+ WHERE \w+\.id = ref\.id\)/);
    expect(sql).toContain('NOT (EXISTS (SELECT 1 FROM stix_object visible WHERE visible.id = ref.id AND');
  });
});
