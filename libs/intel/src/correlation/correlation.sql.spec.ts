import type { MemberViewer } from '@hub/access';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';
import { correlatedWith, exclusionLikePattern, overCorrelating } from './correlation.sql';

describe('exclusionLikePattern', () => {
  it('turns * and ? into LIKE wildcards and lower-cases', () => {
    expect(exclusionLikePattern('*.Akamai.NET')).toBe('%.akamai.net');
    expect(exclusionLikePattern('10.0.0.?')).toBe('10.0.0._');
  });

  it('keeps LIKE wildcards and the escape character of the value literal', () => {
    expect(exclusionLikePattern('50%_off\\x')).toBe('50\\%\\_off\\\\x');
  });
});

describe('correlatedWith', () => {
  const viewer: MemberViewer = { kind: 'user', userId: 'u1', role: 'MEMBER', organizationId: 'o1', organizationKind: 'PRIVATE', sharingGroupIds: [] };

  it('finds the candidates from the observables of the row, never from the feed row (which would walk every readable object)', () => {
    const sql = correlatedWith(viewer, '42', 20, new SqlParams());
    const candidates = sql.slice(sql.indexOf('o.pk = ANY(ARRAY('));
    expect(candidates).not.toBe('');
    // Inside the array nothing refers to the feed row `o`: it is computed once, before `o` is read.
    expect(candidates.slice('o.pk = ANY('.length)).not.toMatch(/\bo\./);
  });
});

describe('overCorrelating', () => {
  const viewer: MemberViewer = { kind: 'user', userId: 'u1', role: 'MEMBER', organizationId: 'o1', organizationKind: 'PRIVATE', sharingGroupIds: ['g1'] };
  const withoutNumbers = (sql: string) => sql.replace(/\$\d+/g, '$n').replace(/\s+/g, ' ');

  it("counts under every condition of the feed's readable condition (the latest version included), only split in two steps", () => {
    const counted = withoutNumbers(overCorrelating(viewer, 'mine', 20, new SqlParams()));
    const conditions = readableObjectsWhere(viewer, {}, new SqlParams(), 'c').split('\n  AND ');
    expect(conditions.length).toBeGreaterThanOrEqual(3);
    for (const condition of conditions) expect(counted).toContain(withoutNumbers(condition));
  });
});
