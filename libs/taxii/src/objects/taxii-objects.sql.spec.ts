import { ANONYMOUS_VIEWER, MemberViewer } from '@hub/access';
import { SqlParams } from '@hub/sharing';
import { taxiiPageSql, TaxiiSelection } from './taxii-objects.sql';

const key: MemberViewer = { kind: 'key', userId: 'u1', role: 'MEMBER', organizationId: 'o1', organizationKind: 'PRIVATE', sharingGroupIds: ['g1'], keyId: 'k1', keyDistribution: 'INTERNAL' };

function selection(overrides: Partial<TaxiiSelection> = {}): TaxiiSelection {
  return {
    scope: { kind: 'tlp', tlp: 'GREEN' },
    ids: [],
    types: [],
    specVersions: [],
    versions: { all: false, first: false, last: true, timestamps: [] },
    horizon: '2026-12-02T10:00:00.000000Z',
    limit: 100,
    ...overrides,
  };
}

describe('taxiiPageSql', () => {
  it('never selects RED, keeps to the collection, and stops at the horizon, in (date_added, pk) order', () => {
    const params = new SqlParams();
    const sql = taxiiPageSql(key, selection(), params);
    expect(sql).toContain('o.tlp < 4');
    expect(sql).toContain('o.tlp = 1');
    expect(sql).toMatch(/o\.date_added < \$\d+::timestamptz/);
    expect(sql).toMatch(/ORDER BY o\.date_added, o\.pk\s+LIMIT \$\d+$/);
    expect(params.values).toContain('2026-12-02T10:00:00.000000Z');
    expect(params.values).toContain(101);
  });

  it('binds every value the client sent instead of writing it into the SQL', () => {
    const params = new SqlParams();
    const hostile = "x'; DROP TABLE stix_object; --";
    const sql = taxiiPageSql(
      key,
      selection({
        scope: { kind: 'group', groupId: hostile },
        ids: [hostile],
        types: [hostile],
        specVersions: [hostile],
        addedAfter: hostile,
        after: { dateAdded: hostile, pk: '5' },
        versions: { all: false, first: true, last: true, timestamps: [hostile] },
      }),
      params,
    );
    expect(sql).not.toContain('DROP TABLE');
    expect(params.values).toEqual(expect.arrayContaining([`group:${hostile}`, [hostile], hostile]));
  });

  it('reads every readable version for match[version]=all and the public sees CLEAR rows only', () => {
    const params = new SqlParams();
    const sql = taxiiPageSql(ANONYMOUS_VIEWER, selection({ scope: { kind: 'tlp', tlp: 'CLEAR' }, versions: { all: true, first: false, last: false, timestamps: [] } }), params);
    expect(sql).toContain('(o.tlp = 0)');
    expect(sql).not.toContain('newer.modified > o.modified');
    expect(sql).toContain('latest.id = o.id');
  });

  it('selects nothing from the write-only collection', () => {
    expect(taxiiPageSql(key, selection({ scope: { kind: 'submit' } }), new SqlParams())).toContain('AND false');
  });
});
