import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import type { Role } from '../api/schema-types';
import { useConsole } from '../session-context';
import { AdminLayout, formatDate, ROLES, useAction, useLoad } from './admin-layout';
import { ADMIN_ORGANIZATIONS, ADMIN_USERS, CHANGE_USER_ROLE, CREATE_USER, DEACTIVATE_USER, LIFT_SIGN_IN_LOCK, REACTIVATE_USER, RESET_USER_PASSWORD } from './documents';

const EMPTY = { email: '', organizationId: '', role: 'MEMBER' as Role, password: '' };

export function PeoplePage() {
  const hub = useConsole();
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  const load = useCallback(async () => {
    const [users, organizations] = await Promise.all([
      hub.client.request(ADMIN_USERS, { filter: asked ? { search: asked } : undefined, first: 100 }),
      hub.client.request(ADMIN_ORGANIZATIONS, {}),
    ]);
    return { users: users.users, organizations: organizations.organizations };
  }, [hub.client, asked]);
  const { data, error, reload } = useLoad(load);
  const { run, status } = useAction(reload);
  const [form, setForm] = useState(EMPTY);
  const [reset, setReset] = useState<{ id: string; email: string; password: string }>();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(`Create ${form.email}`, () => hub.client.request(CREATE_USER, { input: form }))) setForm(EMPTY);
  };
  const saveReset = async (event: FormEvent) => {
    event.preventDefault();
    if (reset && (await run(`New password for ${reset.email}`, () => hub.client.request(RESET_USER_PASSWORD, { id: reset.id, password: reset.password })))) setReset(undefined);
  };

  return (
    <AdminLayout title="People">
      <form onSubmit={create} aria-label="New person">
        <label>
          E-mail
          <input type="email" value={form.email} onChange={(event) => setForm({ ...form, email: event.target.value })} required />
        </label>
        <label>
          Organisation
          <select value={form.organizationId} onChange={(event) => setForm({ ...form, organizationId: event.target.value })} required>
            <option value="">choose</option>
            {(data?.organizations ?? [])
              .filter((organization) => organization.active)
              .map((organization) => (
                <option key={organization.id} value={organization.id}>
                  {organization.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          Role
          <select value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </label>
        <label>
          First password
          <input
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(event) => setForm({ ...form, password: event.target.value })}
            aria-describedby="first-password-note"
            required
          />
        </label>
        <p id="first-password-note" className="hint">
          The person must replace it with one of their own at first sign-in.
        </p>
        <button type="submit">Create person</button>
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setAsked(search.trim());
        }}
        aria-label="Find people"
      >
        <label>
          Find by e-mail
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <button type="submit">Find</button>
      </form>
      {status}
      {error ? <p role="alert">{error}</p> : null}
      {reset ? (
        <form onSubmit={saveReset} aria-label="New password">
          <label>
            New password for {reset.email}
            <input type="password" autoComplete="new-password" value={reset.password} onChange={(event) => setReset({ ...reset, password: event.target.value })} required />
          </label>
          <span className="hint">Their sessions end; they must replace this password with one of their own at their next sign-in.</span>
          <button type="submit">Set password</button>
          <button type="button" onClick={() => setReset(undefined)}>
            Cancel
          </button>
        </form>
      ) : null}
      {data ? <p>{data.users.totalCount} people{data.users.pageInfo.hasNextPage ? ' (the first 100 shown; narrow the search)' : ''}.</p> : null}
      <div className="table-scroll">
        <table className="figures" data-testid="people">
          <thead>
            <tr>
              <th scope="col">e-mail</th>
              <th scope="col">organisation</th>
              <th scope="col">role</th>
              <th scope="col">last sign-in</th>
              <th scope="col">state</th>
              <th scope="col">actions</th>
            </tr>
          </thead>
          <tbody>
            {(data?.users.edges ?? []).map(({ node: user }) => (
              <tr key={user.id}>
                <th scope="row">{user.email}</th>
                <td>{user.organization.name}</td>
                <td>
                  <select
                    aria-label={`Role of ${user.email}`}
                    value={user.role}
                    onChange={(event) => void run(`Role of ${user.email}`, () => hub.client.request(CHANGE_USER_ROLE, { id: user.id, role: event.target.value as Role }))}
                  >
                    {ROLES.map((role) => (
                      <option key={role}>{role}</option>
                    ))}
                  </select>
                </td>
                <td>{formatDate(user.lastLoginAt)}</td>
                <td>{user.active ? (user.mustChangePassword ? 'active, must change the password an operator set' : 'active') : 'deactivated'}</td>
                <td>
                  {user.active ? (
                    <button type="button" aria-label={`Deactivate ${user.email}`} onClick={() => void run(`Deactivate ${user.email}`, () => hub.client.request(DEACTIVATE_USER, { id: user.id }))}>
                      Deactivate
                    </button>
                  ) : (
                    <button type="button" aria-label={`Reactivate ${user.email}`} onClick={() => void run(`Reactivate ${user.email}`, () => hub.client.request(REACTIVATE_USER, { id: user.id }))}>
                      Reactivate
                    </button>
                  )}{' '}
                  <button type="button" aria-label={`Lift the sign-in lock of ${user.email}`} onClick={() => void run(`Lift the sign-in lock of ${user.email}`, () => hub.client.request(LIFT_SIGN_IN_LOCK, { id: user.id }))}>
                    Lift sign-in lock
                  </button>{' '}
                  <button type="button" aria-label={`New password for ${user.email}`} onClick={() => setReset({ id: user.id, email: user.email, password: '' })}>
                    New password
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>
  );
}
