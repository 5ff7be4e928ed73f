import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import type { AuditLogFilterInput } from '../api/schema-types';
import { useConsole } from '../session-context';
import { AdminLayout, errorText, formatDate } from './admin-layout';
import { AUDIT_LOG } from './documents';
import type { AdminAuditEntry } from './documents';

interface AuditForm {
  action: string;
  outcome: string;
  actorUserId: string;
  organizationId: string;
  targetId: string;
  since: string;
  until: string;
}

const EMPTY: AuditForm = { action: '', outcome: '', actorUserId: '', organizationId: '', targetId: '', since: '', until: '' };

/** The form's filled fields as the API's filter (dates as whole UTC days). */
export function auditFilter(form: AuditForm): AuditLogFilterInput {
  const filter: AuditLogFilterInput = {};
  for (const key of ['action', 'outcome', 'actorUserId', 'organizationId', 'targetId'] as const) if (form[key].trim()) filter[key] = form[key].trim();
  if (form.since) filter.since = `${form.since}T00:00:00.000Z`;
  if (form.until) filter.until = `${form.until}T00:00:00.000Z`;
  return filter;
}

const FIELDS: [keyof AuditForm, string, string][] = [
  ['action', 'Action', 'text'],
  ['outcome', 'Outcome', 'text'],
  ['actorUserId', 'Person (id)', 'text'],
  ['organizationId', 'Organisation (id)', 'text'],
  ['targetId', 'Target (id)', 'text'],
  ['since', 'Since', 'date'],
  ['until', 'Until', 'date'],
];

export function AuditLogPage() {
  const hub = useConsole();
  const [form, setForm] = useState<AuditForm>(EMPTY);
  const [entries, setEntries] = useState<AdminAuditEntry[]>();
  const [next, setNext] = useState<string | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();

  const fetchPage = useCallback(
    async (after: string | null) => {
      setError(undefined);
      try {
        const data = await hub.client.request(AUDIT_LOG, { filter: auditFilter(form), first: 50, after });
        const page = data.auditLog.edges.map((edge) => edge.node);
        setEntries((previous) => (after && previous ? [...previous, ...page] : page));
        setNext(data.auditLog.pageInfo.hasNextPage ? (data.auditLog.pageInfo.endCursor ?? null) : null);
        setTotal(data.auditLog.totalCount);
      } catch (reason) {
        setError(errorText(reason));
      }
    },
    [hub.client, form],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void fetchPage(null);
  };

  return (
    <AdminLayout title="Audit log">
      <form onSubmit={submit} aria-label="Audit log filter">
        {FIELDS.map(([key, label, type]) => (
          <label key={key}>
            {label}
            <input type={type} value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} />
          </label>
        ))}
        <button type="submit">Show</button>
      </form>
      {error ? <p role="alert">{error}</p> : null}
      {entries ? <p>{total} entries, newest first.</p> : null}
      <div className="table-scroll">
        <table className="figures" data-testid="audit-log">
          <thead>
            <tr>
              <th scope="col">when</th>
              <th scope="col">action</th>
              <th scope="col">outcome</th>
              <th scope="col">actor</th>
              <th scope="col">target</th>
              <th scope="col">details</th>
            </tr>
          </thead>
          <tbody>
            {(entries ?? []).map((entry) => (
              <tr key={entry.id}>
                <th scope="row">{formatDate(entry.occurredAt)}</th>
                <td>{entry.action}</td>
                <td>{entry.outcome}</td>
                <td>
                  {entry.actorKind} {entry.actorUserId ?? entry.actorKeyId ?? ''}
                  {entry.ip ? ` from ${entry.ip}` : ''}
                </td>
                <td>{entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : '–'}</td>
                <td>
                  <code>{JSON.stringify(entry.details)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? (
        <button type="button" onClick={() => void fetchPage(next)}>
          Load more
        </button>
      ) : null}
    </AdminLayout>
  );
}
