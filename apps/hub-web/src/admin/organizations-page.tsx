import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import type { OrganizationKind, OrganizationSize, Sector } from '../api/schema-types';
import { useConsole } from '../session-context';
import { SECTORS } from '../trends/question';
import { AdminLayout, formatDate, KINDS, useAction, useLoad } from './admin-layout';
import { ADMIN_ORGANIZATIONS, CREATE_ORGANIZATION, DEACTIVATE_ORGANIZATION, REACTIVATE_ORGANIZATION, UPDATE_ORGANIZATION } from './documents';
import type { AdminOrganization } from './documents';

interface OrganizationForm {
  name: string;
  kind: OrganizationKind;
  sector: Sector;
  country: string;
  /** '' when not given: the hub keeps no size then. */
  size: OrganizationSize | '';
}

const SIZES: { value: OrganizationSize; label: string }[] = [
  { value: 'MICRO', label: 'MICRO (under 10 staff)' },
  { value: 'SMALL', label: 'SMALL (10–49)' },
  { value: 'MEDIUM', label: 'MEDIUM (50–249)' },
  { value: 'LARGE', label: 'LARGE (250 or more)' },
];

const EMPTY: OrganizationForm = { name: '', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: '', size: '' };

// An empty size is left out: the hub keeps a size once given and changes it, it does not remove it.
const toInput = ({ size, ...rest }: OrganizationForm) => (size ? { ...rest, size } : rest);

function OrganizationFields({ form, onChange, prefix }: { form: OrganizationForm; onChange: (form: OrganizationForm) => void; prefix: string }) {
  return (
    <>
      <label>
        {prefix}name
        <input value={form.name} onChange={(event) => onChange({ ...form, name: event.target.value })} required />
      </label>
      <label>
        {prefix}kind
        <select value={form.kind} onChange={(event) => onChange({ ...form, kind: event.target.value as OrganizationKind })}>
          {KINDS.map((kind) => (
            <option key={kind}>{kind}</option>
          ))}
        </select>
      </label>
      <label>
        {prefix}sector
        <select value={form.sector} onChange={(event) => onChange({ ...form, sector: event.target.value as Sector })}>
          {SECTORS.map((sector) => (
            <option key={sector}>{sector}</option>
          ))}
        </select>
      </label>
      <label>
        {prefix}country (ISO code)
        <input value={form.country} onChange={(event) => onChange({ ...form, country: event.target.value.toUpperCase() })} maxLength={2} size={3} required />
      </label>
      <label>
        {prefix}size
        <select value={form.size} onChange={(event) => onChange({ ...form, size: event.target.value as OrganizationSize | '' })}>
          <option value="">not given</option>
          {SIZES.map((size) => (
            <option key={size.value} value={size.value}>
              {size.label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

export function OrganizationsPage() {
  const hub = useConsole();
  const load = useCallback(() => hub.client.request(ADMIN_ORGANIZATIONS, {}).then((data) => data.organizations), [hub.client]);
  const { data, error, reload } = useLoad(load);
  const { run, status } = useAction(reload);
  const [form, setForm] = useState<OrganizationForm>(EMPTY);
  const [editing, setEditing] = useState<{ id: string; form: OrganizationForm }>();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(`Create ${form.name}`, () => hub.client.request(CREATE_ORGANIZATION, { input: toInput(form) }))) setForm(EMPTY);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    if (await run(`Save ${editing.form.name}`, () => hub.client.request(UPDATE_ORGANIZATION, { id: editing.id, input: toInput(editing.form) }))) setEditing(undefined);
  };
  const edit = (organization: AdminOrganization) =>
    setEditing({ id: organization.id, form: { name: organization.name, kind: organization.kind, sector: organization.sector, country: organization.country ?? '', size: organization.size ?? '' } });

  return (
    <AdminLayout title="Organisations">
      <form onSubmit={create} aria-label="New organisation">
        <OrganizationFields form={form} onChange={setForm} prefix="New organisation: " />
        <button type="submit">Create organisation</button>
      </form>
      {status}
      {error ? <p role="alert">{error}</p> : null}
      {editing ? (
        <form onSubmit={save} aria-label="Edit organisation">
          <OrganizationFields form={editing.form} onChange={(changed) => setEditing({ ...editing, form: changed })} prefix="" />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setEditing(undefined)}>
            Cancel
          </button>
        </form>
      ) : null}
      <div className="table-scroll">
        <table className="figures" data-testid="organizations">
          <thead>
            <tr>
              <th scope="col">name</th>
              <th scope="col">kind</th>
              <th scope="col">sector</th>
              <th scope="col">country</th>
              <th scope="col">size</th>
              <th scope="col">since</th>
              <th scope="col">state</th>
              <th scope="col">actions</th>
            </tr>
          </thead>
          <tbody>
            {(data ?? []).map((organization) => (
              <tr key={organization.id}>
                <th scope="row">{organization.name}</th>
                <td>{organization.kind}</td>
                <td>{organization.sector}</td>
                <td>{organization.country ?? '–'}</td>
                <td>{organization.size ?? '–'}</td>
                <td>{formatDate(organization.createdAt)}</td>
                <td>{organization.active ? 'active' : 'deactivated'}</td>
                <td>
                  <button type="button" onClick={() => edit(organization)} aria-label={`Edit ${organization.name}`}>
                    Edit
                  </button>{' '}
                  {organization.active ? (
                    <button type="button" aria-label={`Deactivate ${organization.name}`} onClick={() => void run(`Deactivate ${organization.name}`, () => hub.client.request(DEACTIVATE_ORGANIZATION, { id: organization.id }))}>
                      Deactivate
                    </button>
                  ) : (
                    <button type="button" aria-label={`Reactivate ${organization.name}`} onClick={() => void run(`Reactivate ${organization.name}`, () => hub.client.request(REACTIVATE_ORGANIZATION, { id: organization.id }))}>
                      Reactivate
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
