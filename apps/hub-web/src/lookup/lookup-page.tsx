import { consolePath } from '@hub/console-routes';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { LOOKUP } from './documents';
import type { LookupMatch } from './documents';
import { GraphqlRequestError } from '../api/graphql';
import { TlpBadge } from '../components/tlp-badge';
import { Link } from '../router';
import { useConsole } from '../session-context';
import { buildPattern } from '../share/pattern-builder';
import type { TypedValue } from '../share/pattern-builder';
import { objectTitle } from '../stix-display';

// The look-up types of the API for each kind the console recognises (file hashes are looked up as `file`).
const LOOKUP_TYPE: Record<TypedValue['kind'], string> = {
  'ipv4-addr': 'ipv4-addr',
  'ipv6-addr': 'ipv6-addr',
  'domain-name': 'domain-name',
  url: 'url',
  'email-addr': 'email-addr',
  'file-md5': 'file',
  'file-sha1': 'file',
  'file-sha256': 'file',
  'file-sha512': 'file',
};
const MAX_VALUES = 50;

type Row = { value: TypedValue; match?: LookupMatch; error?: string };

/** Look up one or many pasted observables. */
export function LookupPage() {
  const hub = useConsole();
  const [text, setText] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [problems, setProblems] = useState<{ line: number; message: string }[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildPattern(text);
    setProblems(built.problems);
    const values = built.values.slice(0, MAX_VALUES);
    setBusy(true);
    const results: Row[] = [];
    for (const value of values) {
      try {
        const data = await hub.client.request(LOOKUP, { type: LOOKUP_TYPE[value.kind], value: value.value });
        results.push({ value, match: data.lookupObservable });
      } catch (reason) {
        results.push({ value, error: reason instanceof GraphqlRequestError ? reason.message : 'The hub did not answer' });
      }
      setRows([...results]);
    }
    setRows(results);
    setBusy(false);
  };

  return (
    <section aria-labelledby="lookup-title">
      <h1 id="lookup-title">Look up</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="lookup-values">Values to look up, one per line (at most {MAX_VALUES})</label>
        <textarea id="lookup-values" rows={5} value={text} onChange={(event) => setText(event.target.value)} />
        <button type="submit" disabled={busy}>
          {busy ? 'Looking up…' : 'Look up'}
        </button>
      </form>
      <ul className="field-error">
        {problems.map((problem) => (
          <li key={problem.line}>
            Line {problem.line}: {problem.message}
          </li>
        ))}
      </ul>
      <table className="lookup" aria-busy={busy}>
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Indicators</th>
            <th scope="col">Observables</th>
            <th scope="col">Sightings</th>
          </tr>
        </thead>
        <tbody data-testid="lookup-results">
          {rows.map((row) => (
            <tr key={`${row.value.kind} ${row.value.value}`}>
              <th scope="row">{row.value.value}</th>
              {row.error ? (
                <td colSpan={3} role="alert">
                  {row.error}
                </td>
              ) : (
                <>
                  <td>
                    {row.match?.indicators.length ? (
                      <ul>
                        {row.match.indicators.map((item) => (
                          <li key={item.id}>
                            <TlpBadge tlp={item.tlp} /> <Link href={consolePath('object', { id: item.id })}>{objectTitle(item.stix, item.id)}</Link>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      'none'
                    )}
                  </td>
                  <td>{row.match?.observables.length ?? 0}</td>
                  <td>{row.match?.sightingCount ?? 0}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
