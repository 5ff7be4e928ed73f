import { consolePath } from '@hub/console-routes';
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import type { InventoryFormat, TriageStatus } from '../api/schema-types';
import { FormErrors } from '../components/form-errors';
import { Link } from '../router';
import { useConsole } from '../session-context';
import { ALERTS_CHANGED } from '../alerts/unread-count';
import { DECLARE_INVENTORY, EXPOSURES, INVENTORIES, RETIRE_INVENTORY, TRIAGE_EXPOSURE } from './documents';
import type { ExposureRow, InventoryRow } from './documents';

const PAGE = 50;
const FORMATS: InventoryFormat[] = ['CYCLONEDX', 'SPDX', 'CPE_LIST', 'PURL_LIST', 'DEVICE_LIST'];
const TRIAGE: TriageStatus[] = ['AFFECTED', 'NOT_AFFECTED', 'FIXED', 'ACCEPTED_RISK'];

function failure(reason: unknown): GraphqlRequestError {
  return reason instanceof GraphqlRequestError ? reason : new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]);
}

/** What your organisation runs, and the shared advisories that touch it. Nobody outside your organisation sees either. */
export function ExposurePage() {
  const hub = useConsole();
  const [version, setVersion] = useState(0);
  if (!hub.session) {
    return (
      <p>
        <Link href={`${consolePath('signIn')}?next=${encodeURIComponent(consolePath('exposure'))}`}>Sign in</Link> to see your organisation&apos;s exposure.
      </p>
    );
  }
  const changed = () => setVersion((n) => n + 1);
  return (
    <>
      <h1>Supply-chain exposure</h1>
      <p>Only the people of your organisation see its inventories and exposures.</p>
      <DeclareForm onDeclared={changed} />
      <Inventories version={version} onChanged={changed} />
      <Exposures version={version} />
    </>
  );
}

function DeclareForm({ onDeclared }: { onDeclared: () => void }) {
  const hub = useConsole();
  const [name, setName] = useState('');
  const [format, setFormat] = useState<InventoryFormat>('CYCLONEDX');
  const [document, setDocument] = useState('');
  const [errors, setErrors] = useState<string[]>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await hub.client.request(DECLARE_INVENTORY, { input: { name, format, document } });
      setErrors(undefined);
      setDocument('');
      onDeclared();
      window.dispatchEvent(new Event(ALERTS_CHANGED));
    } catch (reason) {
      const error = failure(reason);
      setErrors(error.issues.flatMap((issue) => (issue.fieldErrors.length ? issue.fieldErrors.map((field) => `${field.path}: ${field.message}`) : [issue.message])));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="share" onSubmit={(event) => void submit(event)} aria-label="Declare an inventory">
      <h2>Declare an inventory</h2>
      <label htmlFor="inventory-name">Name (the same name again makes a new version)</label>
      <input id="inventory-name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
      <label htmlFor="inventory-format">Format</label>
      <select id="inventory-format" value={format} onChange={(event) => setFormat(event.target.value as InventoryFormat)}>
        {FORMATS.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
      <label htmlFor="inventory-file">File</label>
      <input id="inventory-file" type="file" accept=".json,.txt,.csv" onChange={(event) => void event.target.files?.[0]?.text().then(setDocument)} />
      <label htmlFor="inventory-document">Or paste it</label>
      <textarea id="inventory-document" value={document} onChange={(event) => setDocument(event.target.value)} rows={8} placeholder="pkg:npm/left-pad@1.0.0" />
      <FormErrors messages={errors} />
      <button type="submit" disabled={busy || !document}>
        Declare
      </button>
    </form>
  );
}

function Inventories({ version, onChanged }: { version: number; onChanged: () => void }) {
  const hub = useConsole();
  const [inventories, setInventories] = useState<InventoryRow[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    hub.client.request(INVENTORIES, {}).then(
      (data) => setInventories(data.inventories),
      (reason: unknown) => setError(failure(reason).message),
    );
  }, [hub.client, version]);

  const retire = async (id: string) => {
    try {
      await hub.client.request(RETIRE_INVENTORY, { id });
      onChanged();
    } catch (reason) {
      setError(failure(reason).message);
    }
  };

  return (
    <section aria-label="Inventories">
      <h2>Inventories</h2>
      {error ? <p role="alert">{error}</p> : null}
      {inventories && !inventories.length ? <p>No inventory yet.</p> : null}
      <ul>
        {inventories?.map((inventory) => (
          <li key={inventory.id}>
            {inventory.name} — version {inventory.version}, {inventory.format}, {inventory.componentCount} components, {new Date(inventory.createdAt).toLocaleString()}{' '}
            <button type="button" onClick={() => void retire(inventory.id)}>
              Retire
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Exposures({ version }: { version: number }) {
  const hub = useConsole();
  const [exposures, setExposures] = useState<ExposureRow[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (after: string | null) => {
      try {
        const data = await hub.client.request(EXPOSURES, { first: PAGE, after });
        const nodes = data.exposures.edges.map((edge) => edge.node);
        setExposures((current) => (after ? [...(current ?? []), ...nodes] : nodes));
        setNext(data.exposures.pageInfo.hasNextPage ? (data.exposures.pageInfo.endCursor ?? null) : null);
        setError(undefined);
      } catch (reason) {
        setError(failure(reason).message);
      }
    },
    [hub.client],
  );

  useEffect(() => void load(null), [load, version]);

  const triage = async (id: string, status: TriageStatus) => {
    try {
      const data = await hub.client.request(TRIAGE_EXPOSURE, { id, status });
      setExposures((current) => current?.map((row) => (row.id === id ? { ...row, ...data.triageExposure } : row)));
      window.dispatchEvent(new Event(ALERTS_CHANGED));
    } catch (reason) {
      setError(failure(reason).message);
    }
  };

  return (
    <section aria-label="Exposures">
      <h2>Exposures</h2>
      {error ? <p role="alert">{error}</p> : null}
      {exposures && !exposures.length ? <p>No shared advisory matches your inventories.</p> : null}
      <table>
        <thead>
          <tr>
            <th>Advisory</th>
            <th>Component</th>
            <th>Inventory</th>
            <th>Since</th>
            <th>Advisory says</th>
            <th>Your triage</th>
          </tr>
        </thead>
        <tbody>
          {exposures?.map((row) => {
            const stix = (row.vulnerability.stix ?? {}) as { name?: string; x_hub_known_exploited?: boolean };
            return (
            <tr key={row.id} className={row.silenced ? 'silenced' : undefined}>
              <td>
                <Link href={consolePath('object', { id: row.vulnerability.id })}>{stix.name ?? row.vulnerability.id}</Link>
                {stix.x_hub_known_exploited ? ' (known exploited)' : null}
              </td>
              <td>
                {row.component} <small>({row.matchedBy})</small>
              </td>
              <td>{row.inventory}</td>
              <td>{new Date(row.matchedAt).toLocaleString()}</td>
              <td>{row.verdict}</td>
              <td>
                {TRIAGE.map((status) => (
                  <button key={status} type="button" aria-pressed={row.status === status} onClick={() => void triage(row.id, status)}>
                    {status.replace('_', ' ').toLowerCase()}
                  </button>
                ))}
              </td>
            </tr>
            );
          })}
        </tbody>
      </table>
      {next ? (
        <button type="button" onClick={() => void load(next)}>
          More
        </button>
      ) : null}
    </section>
  );
}
