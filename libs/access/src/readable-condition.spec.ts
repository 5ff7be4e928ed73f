import { readableCondition } from './readable-condition';
import { MemberViewer } from './viewer';

function render(viewer: Parameters<typeof readableCondition>[0]) {
  const params: unknown[] = [];
  const sql = readableCondition(viewer, 'o', (value) => {
    params.push(value);
    return `$${params.length}`;
  });
  return { sql, params };
}

const user: MemberViewer = { kind: 'user', userId: 'u1', role: 'ANALYST', organizationId: 'o1', organizationKind: 'PRIVATE', sharingGroupIds: [] };

describe('readableCondition', () => {
  it('lets the public read CLEAR only', () => {
    expect(render({ kind: 'anonymous' })).toEqual({ sql: '(o.tlp = 0)', params: [] });
  });

  it('lets a person read CLEAR, GREEN and whatever names them', () => {
    expect(render(user)).toEqual({
      sql: '(o.tlp <= 1 OR (o.tlp >= 2 AND o.readers && $1::text[]))',
      params: [['org:o1', 'audience:PRIVATE_SECTOR', 'user:u1']],
    });
  });

  it('keeps RED from every key and AMBER+STRICT from CLIENTS keys', () => {
    expect(render({ ...user, kind: 'key', keyId: 'k', keyDistribution: 'INTERNAL' }).sql).toBe('(o.tlp <= 1 OR (o.tlp >= 2 AND o.tlp <> 4 AND o.readers && $1::text[]))');
    expect(render({ ...user, kind: 'key', keyId: 'k', keyDistribution: 'CLIENTS' }).sql).toBe('(o.tlp <= 1 OR (o.tlp >= 2 AND o.tlp <> 4 AND o.tlp <> 3 AND o.readers && $1::text[]))');
  });

  it('gives an ADMIN no more than any member', () => {
    expect(render({ ...user, role: 'ADMIN' })).toEqual(render(user));
  });
});
