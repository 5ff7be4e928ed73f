import { consolePath, matchConsoleRoute, PUBLIC_CONSOLE_ROUTES } from '@hub/console-routes';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiKeysPage } from './admin/api-keys-page';
import { AuditLogPage } from './admin/audit-log-page';
import { OrganizationsPage } from './admin/organizations-page';
import { PeoplePage } from './admin/people-page';
import { SharingGroupsPage } from './admin/sharing-groups-page';
import { createGraphqlClient } from './api/graphql';
import { fetchSession, signOut as endSession, signedOutMessage } from './api/session';
import type { ActiveSession, SignedOutReason } from './api/session';
import { FeedPage } from './feed/feed-page';
import { LookupPage } from './lookup/lookup-page';
import { ObjectPage } from './object/object-page';
import { ChangePasswordPage } from './session/change-password-page';
import { SignInPage } from './session/sign-in-page';
import { SharePage } from './share/share-page';
import { AlertsPage } from './alerts/alerts-page';
import { AssetsPage } from './assets/assets-page';
import { ExposurePage } from './exposure/exposure-page';
import { UnreadAlerts } from './alerts/unread-count';
import { SightingPage } from './sighting/sighting-page';
import { UploadPage } from './upload/upload-page';
import { ImportsPage } from './imports/imports-page';
import { ImpactPage } from './impact/impact-page';
import { IncidentPage } from './incidents/incident-page';
import { BriefingPage } from './trends/briefing-page';
import { dropPrefetched, scheduleTrendsPrefetch } from './trends/prefetch';
import { TrendsPage } from './trends/trends-page';
import { Link, navigate, Redirect, useLocation } from './router';
import { ConsoleContext } from './session-context';
import type { Console } from './session-context';

type SessionStatus = { kind: 'loading' } | { kind: 'signed-in'; session: ActiveSession } | { kind: 'signed-out'; reason?: SignedOutReason };

export function App() {
  const [status, setStatus] = useState<SessionStatus>({ kind: 'loading' });
  const [loadError, setLoadError] = useState<string>();
  const csrf = useRef<string | undefined>(undefined);
  const [lastActivity, setLastActivity] = useState(() => Date.now());
  const location = useLocation();

  const applySession = useCallback((session: ActiveSession | undefined, reason?: SignedOutReason) => {
    csrf.current = session?.csrfToken;
    if (!session) dropPrefetched();
    setStatus(session ? { kind: 'signed-in', session } : { kind: 'signed-out', reason });
    setLastActivity(Date.now());
  }, []);

  // The server decides whether the session still holds; the console asks it and says why it ended.
  const recheck = useCallback(async () => {
    const state = await fetchSession();
    if (state.signedIn) return applySession(state);
    applySession(undefined, state.reason ?? 'unknown');
    const here = window.location.pathname + window.location.search;
    const route = matchConsoleRoute(window.location.pathname);
    if (!route || !PUBLIC_CONSOLE_ROUTES.has(route.name)) navigate(`${consolePath('signIn')}?next=${encodeURIComponent(here)}`);
  }, [applySession]);

  useEffect(() => {
    fetchSession().then(
      (state) => applySession(state.signedIn ? state : undefined, state.signedIn ? undefined : state.reason),
      (error: unknown) => setLoadError(error instanceof Error ? error.message : 'The hub did not answer'),
    );
  }, [applySession]);

  // After the idle time without a request, the server has ended the session: show it at once.
  const signedIn = status.kind === 'signed-in' ? status.session : undefined;
  useEffect(() => {
    if (!signedIn) return;
    const timer = window.setTimeout(() => void recheck(), signedIn.idleSeconds * 1000 + 1000);
    return () => window.clearTimeout(timer);
  }, [signedIn, lastActivity, recheck]);

  const client = useMemo(
    () =>
      createGraphqlClient(
        () => csrf.current,
        () => void recheck(),
        () => setLastActivity(Date.now()),
      ),
    [recheck],
  );

  const consoleValue: Console = useMemo(
    () => ({
      session: signedIn,
      client,
      signedIn: (session) => {
        applySession(session);
        if (!session.user.mustChangePassword) scheduleTrendsPrefetch(client, session.csrfToken);
      },
      signOut: async () => {
        dropPrefetched();
        if (csrf.current) await endSession(csrf.current);
        applySession(undefined, 'signed_out');
        navigate(consolePath('signIn'));
      },
    }),
    [signedIn, client, applySession],
  );

  if (loadError) return <p role="alert" className="page-error">{loadError}</p>;
  if (status.kind === 'loading') return <p className="loading" aria-live="polite">Loading…</p>;

  // The server refuses everything else until the person has chosen their own password.
  const mustChangePassword = signedIn?.user.mustChangePassword === true;
  const forcedAway = mustChangePassword && location.route?.name !== 'changePassword' && location.route?.name !== 'signIn';
  return (
    <ConsoleContext.Provider value={consoleValue}>
      <Header navigation={!mustChangePassword} />
      <main id="main" tabIndex={-1}>
        {forcedAway ? (
          <Redirect to={`${consolePath('changePassword')}?next=${encodeURIComponent(location.href)}`} />
        ) : (
          <Page route={location.route} query={location.query} signedOutReason={status.kind === 'signed-out' ? status.reason : undefined} />
        )}
      </main>
    </ConsoleContext.Provider>
  );
}

function Header({ navigation }: { navigation: boolean }) {
  return (
    <header className="top">
      <a className="skip" href="#main">Skip to content</a>
      <span className="brand">Health ISAC hub</span>
      {navigation ? <MainNavigation /> : null}
      <Account />
    </header>
  );
}

function MainNavigation() {
  return (
      <nav aria-label="Main">
        <Link href={consolePath('feed')}>Feed</Link>
        <Link href={consolePath('lookup')}>Look up</Link>
        <Link href={consolePath('share')}>Share</Link>
        <Link href={consolePath('upload')}>Upload</Link>
        <Link href={consolePath('imports')}>Import</Link>
        <UnreadAlerts />
        <AssetsLink />
        <Link href={consolePath('exposure')}>Exposure</Link>
        <Link href={consolePath('trends')}>Trends</Link>
        <Link href={consolePath('incidentNew')}>Report incident</Link>
        <Link href={consolePath('impact')}>Care impact</Link>
        <AdminLink />
      </nav>
  );
}

function Account() {
  const hub = useConsoleSafe();
  const [error, setError] = useState<string>();
  if (!hub?.session) return <Link className="account" href={consolePath('signIn')}>Sign in</Link>;
  return (
    <div className="account">
      <Link className="who" data-testid="signed-in-as" href={consolePath('changePassword')} title="Change your password">
        {hub.session.user.email}
      </Link>
      <button type="button" onClick={() => hub.signOut().catch((reason: unknown) => setError(reason instanceof Error ? reason.message : 'Could not sign out'))}>
        Sign out
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </div>
  );
}

/** Only operators get the link; the server refuses the pages' requests to anyone else in any case. */
function AdminLink() {
  const hub = useConsoleSafe();
  if (hub?.session?.user.role !== 'ADMIN') return null;
  return <Link href={consolePath('adminOrganizations')}>Operators</Link>;
}

function AssetsLink() {
  const hub = useConsoleSafe();
  if (!hub?.session) return null;
  return <Link href={consolePath('organizationAssets')}>Our assets</Link>;
}

function useConsoleSafe(): Console | undefined {
  return useContext(ConsoleContext);
}

function Page({ route, query, signedOutReason }: { route: ReturnType<typeof matchConsoleRoute>; query: URLSearchParams; signedOutReason?: SignedOutReason }) {
  switch (route?.name) {
    case 'home':
      return <Redirect to={consolePath('feed')} />;
    case 'signIn':
      return <SignInPage next={query.get('next') ?? undefined} notice={signedOutMessage(signedOutReason)} />;
    case 'changePassword':
      return <ChangePasswordPage next={query.get('next') ?? undefined} />;
    case 'feed':
      return <FeedPage />;
    case 'object':
      return <ObjectPage id={route.params.id} />;
    case 'lookup':
      return <LookupPage />;
    case 'share':
      return <SharePage />;
    case 'alerts':
      return <AlertsPage />;
    case 'organizationAssets':
      return <AssetsPage />;
    case 'exposure':
      return <ExposurePage />;
    case 'upload':
      return <UploadPage />;
    case 'imports':
      return <ImportsPage />;
    case 'sighting':
      return <SightingPage of={query.get('of') ?? undefined} />;
    case 'trends':
      return <TrendsPage />;
    case 'trendBriefing':
      return <BriefingPage />;
    case 'incidentNew':
      return <IncidentPage version={query.get('version') ?? undefined} />;
    case 'impact':
      return <ImpactPage />;
    case 'adminOrganizations':
      return <OrganizationsPage />;
    case 'adminPeople':
      return <PeoplePage />;
    case 'adminSharingGroups':
      return <SharingGroupsPage />;
    case 'adminApiKeys':
      return <ApiKeysPage />;
    case 'adminAuditLog':
      return <AuditLogPage />;
    default:
      return <p role="alert">There is no such page in the console.</p>;
  }
}
