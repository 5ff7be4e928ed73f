import { consolePath } from '@hub/console-routes';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { FEED, OBJECT_ADDED, ORGANIZATIONS } from './documents';
import type { FeedObject } from './documents';
import { GraphqlRequestError } from '../api/graphql';
import { createLiveClient, subscribe } from '../api/live';
import type { Tlp } from '../api/schema-types';
import { TlpBadge } from '../components/tlp-badge';
import { Link, navigate, useLocation } from '../router';
import { useConsole } from '../session-context';
import { formatTime, objectTitle } from '../stix-display';
import { startScheduledPrefetch } from '../trends/prefetch';
import { SECTORS } from '../trends/question';
import { ExportPanel } from './export-panel';
import { filterFromQuery, queryFromFilter, TLPS, toObjectFilter } from './feed-filter';
import type { FeedFilterForm } from './feed-filter';

const PAGE_SIZE = 25;

export function FeedPage() {
  const hub = useConsole();
  const location = useLocation();
  const applied = useMemo(() => filterFromQuery(location.query), [location.query.toString()]);
  const [form, setForm] = useState<FeedFilterForm>(applied);
  const [items, setItems] = useState<FeedObject[]>([]);
  const [page, setPage] = useState<{ hasNextPage: boolean; endCursor?: string | null }>({ hasNextPage: false });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<GraphqlRequestError>();
  const [newIds, setNewIds] = useState<Set<string>>(new Set());
  const [liveError, setLiveError] = useState<string>();
  const [reload, setReload] = useState(0);
  const filter = useMemo(() => toObjectFilter(applied), [applied]);
  const [organizations, setOrganizations] = useState<{ id: string; name: string }[]>([]);

  // Source organisations by name, for people signed in (the public does not get the member list).
  const signedIn = Boolean(hub.session);
  useEffect(() => {
    if (!signedIn) return;
    hub.client.request(ORGANIZATIONS, {}).then(
      (data) => setOrganizations([...data.organizations].sort((a, b) => a.name.localeCompare(b.name))),
      () => setOrganizations([]),
    );
  }, [hub.client, signedIn]);

  useEffect(() => setForm(applied), [applied]);

  const load = useCallback(
    async (after: string | null | undefined) => {
      setLoading(true);
      setError(undefined);
      try {
        const data = await hub.client.request(FEED, { filter, first: PAGE_SIZE, after: after ?? null });
        const nodes = data.objects.edges.map((edge) => edge.node);
        setItems((current) => (after ? [...current, ...nodes] : nodes));
        setPage(data.objects.pageInfo);
      } catch (reason) {
        if (reason instanceof GraphqlRequestError) setError(reason);
        else setError(new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]));
      } finally {
        setLoading(false);
        // The first page is in: once it is painted (the frame after), the trends prefetch scheduled
        // at sign-in may take the cores.
        if (!after) window.requestAnimationFrame(() => window.setTimeout(startScheduledPrefetch));
      }
    },
    [hub.client, filter],
  );

  useEffect(() => {
    setNewIds(new Set());
    void load(undefined);
  }, [load, reload]);

  // "N new objects": each object added from now on that matches the filter and that this viewer may read.
  const csrfToken = hub.session?.csrfToken;
  useEffect(() => {
    const live = createLiveClient(csrfToken);
    const stop = subscribe(
      live,
      OBJECT_ADDED,
      { filter },
      (data) => setNewIds((current) => new Set(current).add(data.objectAdded.id)),
      (message) => setLiveError(message),
    );
    return () => {
      stop();
      void live.dispose();
    };
  }, [filter, csrfToken]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(consolePath('feed') + queryFromFilter(form));
  };
  const toggleTlp = (tlp: Tlp) => setForm((current) => ({ ...current, tlp: current.tlp.includes(tlp) ? current.tlp.filter((value) => value !== tlp) : [...current.tlp, tlp] }));

  return (
    <section aria-labelledby="feed-title">
      <h1 id="feed-title">Feed</h1>
      <form className="filters" onSubmit={submit} aria-label="Feed filters">
        <label>
          Text or STIX id
          <input name="q" value={form.search} onChange={(event) => setForm({ ...form, search: event.target.value })} />
        </label>
        <label>
          Types (comma-separated)
          <input name="types" value={form.types} placeholder="indicator, malware" onChange={(event) => setForm({ ...form, types: event.target.value })} />
        </label>
        <label>
          Labels
          <input name="labels" value={form.labels} onChange={(event) => setForm({ ...form, labels: event.target.value })} />
        </label>
        <label>
          Received from
          <input name="since" type="date" value={form.since} onChange={(event) => setForm({ ...form, since: event.target.value })} />
        </label>
        <label>
          Received until
          <input name="until" type="date" value={form.until} onChange={(event) => setForm({ ...form, until: event.target.value })} />
        </label>
        {organizations.length ? (
          <label>
            Source organisation
            <select name="source" value={form.sourceOrganizationId} onChange={(event) => setForm({ ...form, sourceOrganizationId: event.target.value })}>
              <option value="">Any</option>
              {organizations.map((organization) => (
                <option key={organization.id} value={organization.id}>
                  {organization.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Source sector
          <select name="sector" value={form.sector} onChange={(event) => setForm({ ...form, sector: event.target.value as FeedFilterForm['sector'] })} aria-describedby="sector-note">
            <option value="">Any</option>
            {SECTORS.map((sector) => (
              <option key={sector} value={sector}>
                {sector}
              </option>
            ))}
          </select>
        </label>
        <p id="sector-note" className="hint">
          An anonymous object counts under the sector its pseudonym names, never its source’s.
        </p>
        <fieldset>
          <legend>TLP</legend>
          {TLPS.map((tlp) => (
            <label key={tlp} className="inline">
              <input type="checkbox" checked={form.tlp.includes(tlp)} onChange={() => toggleTlp(tlp)} /> {tlp.replace('_', '+')}
            </label>
          ))}
        </fieldset>
        <button type="submit">Apply filters</button>
      </form>
      {/* The filters applied (the address bar's), not the ones being edited. */}
      {signedIn ? <ExportPanel filter={applied} csrfToken={csrfToken} /> : null}

      {/* Always in the page, so a screen reader announces the count as it changes. */}
      <div role="status" aria-live="polite" data-testid="new-objects-status">
        {newIds.size > 0 ? (
          <button type="button" className="new-objects" data-testid="new-objects" onClick={() => setReload((value) => value + 1)}>
            {newIds.size === 1 ? '1 new object' : `${newIds.size} new objects`} — show
          </button>
        ) : null}
      </div>
      {liveError ? <p className="live-error" role="status">Live updates stopped: {liveError}</p> : null}
      {error ? (
        <div role="alert" className="form-error">
          {error.issues.map((issue, index) => (
            <p key={index}>{issue.message}</p>
          ))}
        </div>
      ) : null}

      <ol className="feed" aria-busy={loading} data-testid="feed">
        {items.map((item) => (
          <li key={item.id} className={item.revoked ? 'revoked' : undefined}>
            <TlpBadge tlp={item.tlp} /> <span className="type">{item.type}</span>{' '}
            <Link href={consolePath('object', { id: item.id })}>{objectTitle(item.stix, item.id)}</Link>
            <span className="meta">
              {item.source ? (item.source.anonymous ? `${item.source.name} (pseudonym)` : item.source.name) : 'unknown source'} · {formatTime(item.dateAdded)}
              {item.revoked ? ' · revoked' : ''}
            </span>
          </li>
        ))}
      </ol>
      {loading ? <p aria-live="polite">Loading…</p> : null}
      {!loading && !items.length && !error ? <p>No objects match.</p> : null}
      {page.hasNextPage && !loading ? (
        <button type="button" onClick={() => void load(page.endCursor)}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
