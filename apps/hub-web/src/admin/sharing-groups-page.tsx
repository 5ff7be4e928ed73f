import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useConsole } from '../session-context';
import { AdminLayout, useAction, useLoad } from './admin-layout';
import { ADD_SHARING_GROUP_MEMBERS, ADMIN_SHARING_GROUPS, CREATE_SHARING_GROUP, REMOVE_SHARING_GROUP_MEMBERS } from './documents';

export function SharingGroupsPage() {
  const hub = useConsole();
  const load = useCallback(() => hub.client.request(ADMIN_SHARING_GROUPS, {}), [hub.client]);
  const { data, error, reload } = useLoad(load);
  const { run, status } = useAction(reload);
  const [form, setForm] = useState({ name: '', description: '' });
  const [adding, setAdding] = useState<Record<string, string>>({});
  const organizations = (data?.organizations ?? []).filter((organization) => organization.active);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const input = { name: form.name, description: form.description || undefined, organizationIds: [] };
    if (await run(`Create ${form.name}`, () => hub.client.request(CREATE_SHARING_GROUP, { input }))) setForm({ name: '', description: '' });
  };

  return (
    <AdminLayout title="Sharing groups">
      <form onSubmit={create} aria-label="New sharing group">
        <label>
          Name
          <input value={form.name} onChange={(event) => setForm({ ...form, name: event.target.value })} required />
        </label>
        <label>
          Description
          <input value={form.description} onChange={(event) => setForm({ ...form, description: event.target.value })} />
        </label>
        <button type="submit">Create group</button>
      </form>
      {status}
      {error ? <p role="alert">{error}</p> : null}
      {(data?.sharingGroups ?? []).map((group) => (
        <section key={group.id} aria-label={group.name} className="group">
          <h2>
            {group.name} <span className="type">({group.memberCount} active members)</span>
          </h2>
          {group.description ? <p>{group.description}</p> : null}
          <ul>
            {(group.organizations ?? []).map((organization) => (
              <li key={organization.id}>
                {organization.name}{' '}
                <button
                  type="button"
                  aria-label={`Remove ${organization.name} from ${group.name}`}
                  onClick={() => void run(`Remove ${organization.name}`, () => hub.client.request(REMOVE_SHARING_GROUP_MEMBERS, { id: group.id, organizationIds: [organization.id] }))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <form
            aria-label={`Add a member to ${group.name}`}
            onSubmit={(event) => {
              event.preventDefault();
              const id = adding[group.id];
              if (id) void run(`Add to ${group.name}`, () => hub.client.request(ADD_SHARING_GROUP_MEMBERS, { id: group.id, organizationIds: [id] }));
            }}
          >
            <label>
              Organisation
              <select value={adding[group.id] ?? ''} onChange={(event) => setAdding({ ...adding, [group.id]: event.target.value })}>
                <option value="">choose</option>
                {organizations
                  .filter((organization) => !(group.organizations ?? []).some((member) => member.id === organization.id))
                  .map((organization) => (
                    <option key={organization.id} value={organization.id}>
                      {organization.name}
                    </option>
                  ))}
              </select>
            </label>
            <button type="submit">Add</button>
          </form>
        </section>
      ))}
    </AdminLayout>
  );
}
