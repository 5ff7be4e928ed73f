import { consolePath } from '@hub/console-routes';
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import type { Tlp } from '../api/schema-types';
import { TlpBadge } from '../components/tlp-badge';
import { Link } from '../router';
import { TLP_ORDER } from '../share/tlp-choice';
import { useConsole } from '../session-context';
import { objectTitle } from '../stix-display';
import { ALERTS, CREATE_WATCH_FILTER, DELETE_WATCH_FILTER, MARK_ALERTS_READ, WATCH_FILTERS } from './documents';
import type { InboxAlert, SavedWatchFilter } from './documents';
import { ALERT_RAISED_EVENT, ALERTS_CHANGED } from './unread-count';
import { describeCriteria, EMPTY_WATCH_FILTER, watchCriteria } from './watch-filter-form';
import type { WatchFilterForm } from './watch-filter-form';
import { FormErrors } from '../components/form-errors';

const PAGE = 25;

function failure(reason: unknown): GraphqlRequestError {
  return reason instanceof GraphqlRequestError ? reason : new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]);
}

/** The alerts inbox and the watch filters that raise the alerts. */
export function AlertsPage() {
  const hub = useConsole();
  if (!hub.session) {
    return (
      <p>
        <Link href={`${consolePath('signIn')}?next=${encodeURIComponent(consolePath('alerts'))}`}>Sign in</Link> to see your alerts.
      </p>
    );
  }
  return (
    <>
      <Inbox />
      <WatchFilters />
    </>
  );
}

function Inbox() {
  const hub = useConsole();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [alerts, setAlerts] = useState<InboxAlert[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (after: string | null) => {
      try {
        const data = await hub.client.request(ALERTS, { unreadOnly, first: PAGE, after });
        const nodes = data.alerts.edges.map((edge) => edge.node);
        setAlerts((current) => (after ? [...(current ?? []), ...nodes] : nodes));
        setNext(data.alerts.pageInfo.hasNextPage ? (data.alerts.pageInfo.endCursor ?? null) : null);
        setError(undefined);
      } catch (reason) {
        setError(failure(reason).message);
      }
    },
    [hub.client, unreadOnly],
  );

  useEffect(() => {
    void load(null);
    const reload = () => void load(null);
    window.addEventListener(ALERT_RAISED_EVENT, reload);
    return () => window.removeEventListener(ALERT_RAISED_EVENT, reload);
  }, [load]);

  const markRead = async (ids: string[]) => {
    if (!ids.length) return;
    try {
      await hub.client.request(MARK_ALERTS_READ, { ids });
      window.dispatchEvent(new Event(ALERTS_CHANGED));
      await load(null);
    } catch (reason) {
      setError(failure(reason).message);
    }
  };

  const unread = (alerts ?? []).filter((alert) => !alert.readAt).map((alert) => alert.id);
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">Alerts</h1>
      <label className="inline">
        <input type="checkbox" checked={unreadOnly} onChange={(event) => setUnreadOnly(event.target.checked)} /> Unread only
      </label>{' '}
      <button type="button" onClick={() => void markRead(unread)} disabled={!unread.length}>
        Mark all shown as read
      </button>
      {error ? <p role="alert">{error}</p> : null}
      {!alerts && !error ? <p aria-live="polite">Loading…</p> : null}
      {alerts && !alerts.length ? <p>No alerts{unreadOnly ? ' unread' : ''}. Alerts are raised by your watch filters below and by your organisation's asset list.</p> : null}
      <ul className="alerts" data-testid="alerts-inbox">
        {(alerts ?? []).map((alert) => (
          <li key={alert.id} className={alert.readAt ? 'read' : 'unread'}>
            <TlpBadge tlp={alert.object.tlp} /> <Link href={consolePath('object', { id: alert.object.id })}>{objectTitle(alert.object.stix, alert.object.id)}</Link>{' '}
            <span className="muted">
              ({alert.object.type}) {alertReason(alert)} at {new Date(alert.createdAt).toLocaleString()}
            </span>{' '}
            {alert.readAt ? (
              <span className="muted">read</span>
            ) : (
              <button type="button" onClick={() => void markRead([alert.id])}>
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
      {next ? (
        <button type="button" onClick={() => void load(next)}>
          Load more
        </button>
      ) : null}
    </section>
  );
}

/** Why the alert was raised: a watch filter, or an entry of the organisation's asset list and the value that matched it. */
function alertReason(alert: Pick<InboxAlert, 'watchFilterName' | 'assetMatch'>): string {
  if (alert.assetMatch) return `mentions ${alert.assetMatch.matchedValue}, one of your organisation's assets (${alert.assetMatch.assetValue})`;
  return `matched “${alert.watchFilterName}”`;
}

function WatchFilters() {
  const hub = useConsole();
  const [filters, setFilters] = useState<SavedWatchFilter[]>();
  const [form, setForm] = useState<WatchFilterForm>(EMPTY_WATCH_FILTER);
  const [error, setError] = useState<GraphqlRequestError>();
  const [busy, setBusy] = useState(false);
  const built = watchCriteria(form);

  useEffect(() => {
    hub.client.request(WATCH_FILTERS, {}).then(
      (data) => setFilters(data.watchFilters),
      (reason: unknown) => setError(failure(reason)),
    );
  }, [hub.client]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const data = await hub.client.request(CREATE_WATCH_FILTER, { input: { name: form.name, criteria: built.criteria } });
      setFilters((current) => [...(current ?? []), data.createWatchFilter]);
      setForm(EMPTY_WATCH_FILTER);
    } catch (reason) {
      setError(failure(reason));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (filter: SavedWatchFilter) => {
    if (!window.confirm(`Delete the watch filter “${filter.name}” and its alerts?`)) return;
    try {
      await hub.client.request(DELETE_WATCH_FILTER, { id: filter.id });
      setFilters((current) => (current ?? []).filter((other) => other.id !== filter.id));
      window.dispatchEvent(new Event(ALERTS_CHANGED));
    } catch (reason) {
      setError(failure(reason));
    }
  };

  const field = (key: keyof Omit<WatchFilterForm, 'tlp'>, label: string, hint: string, multiline = false) => {
    const id = `watch-${key}`;
    const message = error?.fieldError(key === 'name' ? 'input.name' : `input.criteria.${key}`);
    return (
      <>
        <label htmlFor={id}>{label}</label>
        {multiline ? (
          <textarea id={id} rows={3} value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} placeholder={hint} />
        ) : (
          <input id={id} value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} placeholder={hint} />
        )}
        <span className="field-error">{message}</span>
      </>
    );
  };
  const toggleTlp = (tlp: Tlp) => setForm({ ...form, tlp: form.tlp.includes(tlp) ? form.tlp.filter((value) => value !== tlp) : [...form.tlp, tlp] });
  const otherErrors = error?.issues.flatMap((issue) => (issue.fieldErrors.length ? issue.fieldErrors.filter((item) => !/^input\.(name|criteria\.(types|labels|indicatorTypes|malwareFamilies))$/.test(item.path)).map((item) => `${item.path}: ${item.message}`) : [issue.message]));

  return (
    <section aria-labelledby="watch-title">
      <h2 id="watch-title">Watch filters</h2>
      <p>Every new object or version you may read that matches a filter raises an alert. Within a line any value matches; every line filled in must match.</p>
      <ul data-testid="watch-filters">
        {(filters ?? []).map((filter) => (
          <li key={filter.id}>
            <strong>{filter.name}</strong>: {describeCriteria(filter.criteria)}{' '}
            <button type="button" onClick={() => void remove(filter)} aria-label={`Delete the watch filter ${filter.name}`}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      {filters && !filters.length ? <p>You have no watch filters yet.</p> : null}
      <form className="share" onSubmit={(event) => void create(event)} aria-label="New watch filter" noValidate>
        {field('name', 'Name', 'e.g. Ransomware against us')}
        {field('types', 'STIX types (comma-separated)', 'indicator, malware')}
        {field('labels', 'Labels (comma-separated)', 'ransomware')}
        {field('indicatorTypes', 'Indicator types (comma-separated)', 'malicious-activity')}
        {field('malwareFamilies', 'Malware families (comma-separated)', 'LockBit')}
        {field('observables', 'Your own values, one per line (domains, addresses or networks, hashes)', 'example-hospital.org\n192.0.2.0/24', true)}
        <ul className="field-error">
          {built.problems.map((problem) => (
            <li key={problem.line}>
              Line {problem.line}: {problem.message}
            </li>
          ))}
        </ul>
        <fieldset>
          <legend>TLP (none: any)</legend>
          {TLP_ORDER.map((tlp) => (
            <label key={tlp} className="inline">
              <input type="checkbox" checked={form.tlp.includes(tlp)} onChange={() => toggleTlp(tlp)} /> TLP:{tlp.replace('_', '+')}
            </label>
          ))}
        </fieldset>
        <FormErrors messages={otherErrors} />
        <button type="submit" disabled={busy || !form.name.trim() || built.problems.length > 0}>
          {busy ? 'Saving…' : 'Save the watch filter'}
        </button>
      </form>
    </section>
  );
}
