/**
 * The console's routes, shared by the console's router (apps/hub-web) and the hub, which answers a
 * reload of any of them with the console's page. Only these paths get the page: every other path keeps
 * its meaning (a 404 stays a 404; /graphql, /taxii2/, /health are never shadowed).
 */
export const CONSOLE_ROUTES = {
  home: '/',
  signIn: '/sign-in',
  changePassword: '/account/password',
  feed: '/feed',
  object: '/objects/:id',
  lookup: '/lookup',
  share: '/share',
  alerts: '/alerts',
  organizationAssets: '/organization/assets',
  exposure: '/exposure',
  upload: '/upload',
  imports: '/imports',
  sighting: '/sightings/new',
  trends: '/trends',
  trendBriefing: '/trends/briefing',
  incidentNew: '/incidents/new',
  impact: '/impact',
  adminOrganizations: '/admin/organizations',
  adminPeople: '/admin/people',
  adminSharingGroups: '/admin/sharing-groups',
  adminApiKeys: '/admin/api-keys',
  adminAuditLog: '/admin/audit-log',
} as const;

export type ConsoleRouteName = keyof typeof CONSOLE_ROUTES;

/**
 * Pages that need no sign-in: the console never sends someone from them to the sign-in page when the
 * session ends (every other page asks the hub, which refuses without a session).
 */
export const PUBLIC_CONSOLE_ROUTES: ReadonlySet<ConsoleRouteName> = new Set<ConsoleRouteName>(['signIn', 'impact']);

export interface ConsoleRouteMatch {
  name: ConsoleRouteName;
  params: Record<string, string>;
}

/** The console route a path names (without query or fragment), or undefined. A trailing slash is allowed. */
export function matchConsoleRoute(pathname: string): ConsoleRouteMatch | undefined {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const parts = path.split('/');
  for (const [name, pattern] of Object.entries(CONSOLE_ROUTES) as [ConsoleRouteName, string][]) {
    const expected = pattern.split('/');
    if (expected.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = expected.every((segment, index) => {
      if (!segment.startsWith(':')) return segment === parts[index];
      const value = safeDecode(parts[index]);
      if (!value) return false;
      params[segment.slice(1)] = value;
      return true;
    });
    if (matches) return { name, params };
  }
  return undefined;
}

/** The path of a route with its parameters filled in (encoded). */
export function consolePath(name: ConsoleRouteName, params: Record<string, string> = {}): string {
  return CONSOLE_ROUTES[name].replace(/:([a-z]+)/gi, (_, key: string) => encodeURIComponent(params[key] ?? ''));
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
