import { consolePath } from '@hub/console-routes';
import type { ConsoleRouteName } from '@hub/console-routes';
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import { Link } from '../router';
import { useConsole } from '../session-context';

const SECTIONS: [ConsoleRouteName, string][] = [
  ['adminOrganizations', 'Organisations'],
  ['adminPeople', 'People'],
  ['adminSharingGroups', 'Sharing groups'],
  ['adminApiKeys', 'API keys'],
  ['adminAuditLog', 'Audit log'],
];

/** The frame of every operator page. The server decides who may do what; this only says it early. */
export function AdminLayout({ title, children }: { title: string; children: ReactNode }) {
  const hub = useConsole();
  return (
    <section className="admin" aria-labelledby="admin-title">
      <nav className="admin-nav" aria-label="Operator pages">
        {SECTIONS.map(([route, name]) => (
          <Link key={route} href={consolePath(route)} aria-current={window.location.pathname === consolePath(route) ? 'page' : undefined}>
            {name}
          </Link>
        ))}
      </nav>
      <h1 id="admin-title">{title}</h1>
      {hub.session && hub.session.user.role !== 'ADMIN' ? <p role="alert">These pages are for the hub's operators (ADMIN); the hub refuses their requests to anyone else.</p> : null}
      {children}
    </section>
  );
}

export function errorText(reason: unknown): string {
  if (reason instanceof GraphqlRequestError) {
    const fields = reason.issues.flatMap((issue) => issue.fieldErrors.map((field) => `${field.path}: ${field.message}`));
    return fields.length ? fields.join('; ') : reason.message;
  }
  return reason instanceof Error ? reason.message : 'The hub did not answer';
}

/** Load something and load it again after a change; errors are shown, never thrown. */
export function useLoad<T>(load: () => Promise<T>): { data: T | undefined; error: string | undefined; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
      },
      (reason: unknown) => current && setError(errorText(reason)),
    );
    return () => {
      current = false;
    };
  }, [load, round]);
  return { data, error, reload: useCallback(() => setRound((value) => value + 1), []) };
}

/** Run a change; its outcome (done or the server's words) is announced in one place. */
export function useAction(after: () => void): { run: (what: string, action: () => Promise<unknown>) => Promise<boolean>; status: ReactNode } {
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const run = useCallback(
    async (what: string, action: () => Promise<unknown>) => {
      try {
        await action();
        setMessage({ ok: true, text: `${what}: done.` });
        after();
        return true;
      } catch (reason) {
        setMessage({ ok: false, text: `${what}: ${errorText(reason)}` });
        return false;
      }
    },
    [after],
  );
  const status = message ? (
    <p role={message.ok ? 'status' : 'alert'} data-testid="admin-status">
      {message.text}
    </p>
  ) : null;
  return { run, status };
}

export const ROLES = ['MEMBER', 'ANALYST', 'FOCAL_POINT', 'ADMIN'] as const;
export const KINDS = ['PUBLIC', 'PRIVATE'] as const;
export const formatDate = (value: string | null | undefined) => (value ? new Date(value).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '–');
