import { consolePath, matchConsoleRoute } from './console-routes';

describe('console routes', () => {
  it.each([
    ['/', 'home', {}],
    ['/feed', 'feed', {}],
    ['/feed/', 'feed', {}],
    ['/sign-in', 'signIn', {}],
    ['/account/password', 'changePassword', {}],
    ['/alerts', 'alerts', {}],
    ['/organization/assets', 'organizationAssets', {}],
    ['/exposure', 'exposure', {}],
    ['/upload', 'upload', {}],
    ['/sightings/new', 'sighting', {}],
    ['/trends', 'trends', {}],
    ['/trends/briefing', 'trendBriefing', {}],
    ['/incidents/new', 'incidentNew', {}],
    ['/impact', 'impact', {}],
    ['/admin/people', 'adminPeople', {}],
    ['/admin/audit-log', 'adminAuditLog', {}],
    ['/objects/indicator--0b1c2d3e-0000-4000-8000-000000000001', 'object', { id: 'indicator--0b1c2d3e-0000-4000-8000-000000000001' }],
  ])('matches %s', (path, name, params) => {
    expect(matchConsoleRoute(path)).toEqual({ name, params });
  });

  it.each(['/graphql', '/taxii2/', '/health', '/metrics', '/objects', '/objects/', '/objects/a/b', '/feed/x', '/objects/%E0%A4%A', '/assets/x.js', '/auth/session', '/sightings', '/sightings/x', '/trends/x', '/admin', '/admin/people/1', '/organization', '/organization/assets/x', '/account', '/account/password/x'])(
    'does not claim %s',
    (path) => {
      expect(matchConsoleRoute(path)).toBeUndefined();
    },
  );

  it('builds paths that match back', () => {
    const path = consolePath('object', { id: 'indicator--a/b' });
    expect(path).toBe('/objects/indicator--a%2Fb');
    expect(matchConsoleRoute(path)).toEqual({ name: 'object', params: { id: 'indicator--a/b' } });
  });
});
