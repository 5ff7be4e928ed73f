import { audienceIssues, EMPTY_AUDIENCE } from './audience';

describe('audienceIssues', () => {
  it.each(['AMBER', 'AMBER_STRICT', 'RED'] as const)('refuses %s without an audience', (tlp) => {
    expect(audienceIssues(tlp, EMPTY_AUDIENCE)).toEqual([{ path: 'audience', message: expect.stringContaining('needs an explicit audience') }]);
  });

  it('refuses RED shared with organisations instead of people', () => {
    expect(audienceIssues('RED', { ...EMPTY_AUDIENCE, organizationIds: ['o1'] })[0].message).toContain('named people only');
  });

  it('refuses an audience on CLEAR or GREEN rather than ignoring it', () => {
    expect(audienceIssues('GREEN', { ...EMPTY_AUDIENCE, organizationIds: ['o1'] })[0].message).toContain('applies only to AMBER');
  });

  it('accepts the fitting combinations', () => {
    expect(audienceIssues('CLEAR', EMPTY_AUDIENCE)).toEqual([]);
    expect(audienceIssues('AMBER', { ...EMPTY_AUDIENCE, audiences: ['PUBLIC_SECTOR'] })).toEqual([]);
    expect(audienceIssues('RED', { ...EMPTY_AUDIENCE, userIds: ['u1'] })).toEqual([]);
  });
});
