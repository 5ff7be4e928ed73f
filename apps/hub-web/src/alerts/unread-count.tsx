import { consolePath } from '@hub/console-routes';
import { useCallback, useEffect, useState } from 'react';
import { createLiveClient, subscribe } from '../api/live';
import { Link } from '../router';
import { useConsole } from '../session-context';
import { UNREAD_ALERTS, ALERT_RAISED } from './documents';

/** Sent by the inbox after it marks alerts read, so the header asks the hub for the count again. */
export const ALERTS_CHANGED = 'hub-alerts-changed';

/** Sent when an alert arrives live, so an open inbox loads it. */
export const ALERT_RAISED_EVENT = 'hub-alerts-raised';

/** "Alerts (3)" in the header: counted by the hub, raised live by `alertRaised`. */
export function UnreadAlerts() {
  const hub = useConsole();
  const [unread, setUnread] = useState<number>();
  const signedIn = Boolean(hub.session);
  const csrfToken = hub.session?.csrfToken;

  const count = useCallback(() => {
    hub.client.request(UNREAD_ALERTS, {}).then(
      (data) => setUnread(data.alerts.totalCount),
      () => setUnread(undefined),
    );
  }, [hub.client]);

  useEffect(() => {
    if (!signedIn) return;
    count();
    window.addEventListener(ALERTS_CHANGED, count);
    return () => window.removeEventListener(ALERTS_CHANGED, count);
  }, [signedIn, count]);

  useEffect(() => {
    if (!signedIn) return;
    const live = createLiveClient(csrfToken);
    const stop = subscribe(
      live,
      ALERT_RAISED,
      {},
      () => {
        setUnread((current) => (current ?? 0) + 1);
        window.dispatchEvent(new Event(ALERT_RAISED_EVENT));
      },
      () => undefined,
    );
    return () => {
      stop();
      void live.dispose();
    };
  }, [signedIn, csrfToken]);

  if (!signedIn) return null;
  return (
    <>
      <Link href={consolePath('alerts')} aria-label={unread ? `Alerts, ${unread} unread` : 'Alerts'}>
        Alerts{unread ? <span className="unread" data-testid="unread-alerts"> ({unread})</span> : null}
      </Link>
      {/* A link's name is not announced when it changes: this region says it when an alert arrives. */}
      <span role="status" className="sr-only" data-testid="unread-alerts-status">
        {unread ? `${unread} unread ${unread === 1 ? 'alert' : 'alerts'}` : ''}
      </span>
    </>
  );
}
