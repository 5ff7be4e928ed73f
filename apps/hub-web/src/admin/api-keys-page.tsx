import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import type { KeyDistribution } from '../api/schema-types';
import { useConsole } from '../session-context';
import { AdminLayout, formatDate, useAction, useLoad } from './admin-layout';
import { ADMIN_API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from './documents';

/** The keys of the operator's organisation: the key itself is shown once, right after it is made. */
export function ApiKeysPage() {
  const hub = useConsole();
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const load = useCallback(() => hub.client.request(ADMIN_API_KEYS, { includeRevoked }).then((data) => data.apiKeys), [hub.client, includeRevoked]);
  const { data, error, reload } = useLoad(load);
  const { run, status } = useAction(reload);
  const [form, setForm] = useState({ name: '', distribution: 'INTERNAL' as KeyDistribution, expiresAt: '' });
  const [created, setCreated] = useState<{ name: string; key: string }>();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(undefined);
    const input = { name: form.name, distribution: form.distribution, expiresAt: form.expiresAt ? `${form.expiresAt}T00:00:00.000Z` : undefined };
    await run(`Create ${form.name}`, async () => {
      const data = await hub.client.request(CREATE_API_KEY, { input });
      setCreated({ name: data.createApiKey.apiKey.name, key: data.createApiKey.key });
      setForm({ name: '', distribution: 'INTERNAL', expiresAt: '' });
    });
  };

  return (
    <AdminLayout title="API keys">
      <form onSubmit={create} aria-label="New API key">
        <label>
          What the key is for
          <input value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} required />
        </label>
        <label>
          Distribution
          <select value={form.distribution} onChange={(event) => setForm({ ...form, distribution: event.target.value as KeyDistribution })}>
            <option value="INTERNAL">INTERNAL (the organisation itself)</option>
            <option value="CLIENTS">CLIENTS (passed on to clients: never AMBER+STRICT)</option>
          </select>
        </label>
        <label>
          Expires (optional)
          <input type="date" value={form.expiresAt} onChange={(event) => setForm({ ...form, expiresAt: event.target.value })} />
        </label>
        <button type="submit">Create key</button>
      </form>
      {created ? (
        <div role="status">
          <p>The key “{created.name}”, shown this once only; copy it now:</p>
          <p className="once" data-testid="new-api-key">
            {created.key}
          </p>
          <button type="button" onClick={() => setCreated(undefined)}>
            I have copied it
          </button>
        </div>
      ) : null}
      {status}
      {error ? <p role="alert">{error}</p> : null}
      <label>
        <input type="checkbox" checked={includeRevoked} onChange={(event) => setIncludeRevoked(event.target.checked)} /> Show revoked keys
      </label>
      <div className="table-scroll">
        <table className="figures" data-testid="api-keys">
          <thead>
            <tr>
              <th scope="col">name</th>
              <th scope="col">prefix</th>
              <th scope="col">distribution</th>
              <th scope="col">made by</th>
              <th scope="col">made</th>
              <th scope="col">last used</th>
              <th scope="col">expires</th>
              <th scope="col">state</th>
              <th scope="col">actions</th>
            </tr>
          </thead>
          <tbody>
            {(data ?? []).map((key) => (
              <tr key={key.id}>
                <th scope="row">{key.name}</th>
                <td>{key.prefix}</td>
                <td>{key.distribution}</td>
                <td>{key.createdByEmail}</td>
                <td>{formatDate(key.createdAt)}</td>
                <td>{formatDate(key.lastUsedAt)}</td>
                <td>{formatDate(key.expiresAt)}</td>
                <td>{key.revokedAt ? `revoked ${formatDate(key.revokedAt)}` : key.active ? 'active' : 'inactive'}</td>
                <td>
                  {key.revokedAt ? null : (
                    <button type="button" aria-label={`Revoke ${key.name}`} onClick={() => void run(`Revoke ${key.name}`, () => hub.client.request(REVOKE_API_KEY, { id: key.id }))}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
