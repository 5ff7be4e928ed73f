import { consolePath } from '@hub/console-routes';
import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import { Link, navigate, useLocation } from '../router';
import { useConsole } from '../session-context';
import { bucketLabel, cellText, exportName, largestShown, toCsv, toSeries } from './chart-data';
import type { Report, Series } from './chart-data';
import { TRENDS } from './documents';
import { downloadText } from './download';
import { takePrefetched } from './prefetch';
import { BUCKETS, GROUPINGS, normalise, queryFromQuestion, questionFromQuery, SCOPES, SECTORS, toTrendInput } from './question';
import type { TrendQuestion } from './question';
import { TrendChart } from './trend-chart';

const GROUPING_NAMES: Record<TrendQuestion['groupBy'], string> = {
  OBJECT_TYPE: 'Object type',
  INDICATOR_TYPE: 'Indicator type',
  SECTOR: 'Source sector',
  SOURCE_KIND: 'Source kind',
  TLP: 'TLP',
  LABEL: 'Label',
  MALWARE_FAMILY: 'Malware family',
};

type Answer = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; report: Report } | { kind: 'failed'; message: string; fields: { path: string; message: string }[] };

/** Counts over time for every grouping and both scopes; the question is kept in the address bar. */
export function TrendsPage() {
  const hub = useConsole();
  const location = useLocation();
  const search = location.query.toString();
  const asked = useMemo(() => questionFromQuery(new URLSearchParams(search), new Date()), [search]);
  const [form, setForm] = useState<TrendQuestion>(asked);
  const [answer, setAnswer] = useState<Answer>({ kind: 'idle' });

  useEffect(() => setForm(asked), [asked]);

  useEffect(() => {
    let current = true;
    setAnswer({ kind: 'loading' });
    const input = toTrendInput(asked);
    (takePrefetched(hub.session?.csrfToken, input) ?? hub.client.request(TRENDS, { input })).then(
      (data) => current && setAnswer({ kind: 'done', report: data.trends }),
      (reason: unknown) => {
        if (!current) return;
        if (reason instanceof GraphqlRequestError) setAnswer({ kind: 'failed', message: reason.message, fields: reason.issues.flatMap((issue) => issue.fieldErrors) });
        else setAnswer({ kind: 'failed', message: 'The hub did not answer', fields: [] });
      },
    );
    return () => {
      current = false;
    };
  }, [hub.client, hub.session?.csrfToken, asked]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`${consolePath('trends')}?${queryFromQuestion(form)}`);
  };
  const set = <K extends keyof TrendQuestion>(key: K, value: TrendQuestion[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const shownForm = normalise(form);

  return (
    <section aria-labelledby="trends-title" className="trends">
      <h1 id="trends-title">Trends</h1>
      <p>
        <Link href={consolePath('trendBriefing')}>Read the briefing</Link>
      </p>
      <form className="filters" onSubmit={submit} aria-label="Trends question">
        <label>
          Grouping
          <select value={form.groupBy} onChange={(event) => set('groupBy', event.target.value as TrendQuestion['groupBy'])}>
            {GROUPINGS.map((grouping) => (
              <option key={grouping} value={grouping}>
                {GROUPING_NAMES[grouping]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Scope
          <select value={form.scope} onChange={(event) => set('scope', event.target.value as TrendQuestion['scope'])}>
            {SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {scope === 'READABLE' ? 'What I may read' : 'Sector-wide'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Bucket
          <select value={shownForm.bucket} disabled={form.scope === 'SECTOR_WIDE'} onChange={(event) => set('bucket', event.target.value as TrendQuestion['bucket'])}>
            {BUCKETS.map((bucket) => (
              <option key={bucket} value={bucket}>
                {bucket.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={form.from} onChange={(event) => set('from', event.target.value)} required />
        </label>
        <label>
          Until
          <input type="date" value={form.to} onChange={(event) => set('to', event.target.value)} required />
        </label>
        <label>
          Only
          <select value={form.filter} onChange={(event) => set('filter', event.target.value as TrendQuestion['filter'])}>
            <option value="none">everything</option>
            <option value="type">STIX type</option>
            <option value="label">label</option>
            <option value="sector">source sector</option>
          </select>
        </label>
        {form.filter === 'sector' ? (
          <label>
            Sector
            <select value={form.value} onChange={(event) => set('value', event.target.value)}>
              <option value="">choose</option>
              {SECTORS.map((sector) => (
                <option key={sector}>{sector}</option>
              ))}
            </select>
          </label>
        ) : form.filter !== 'none' ? (
          <label>
            {form.filter === 'type' ? 'Type' : 'Label'}
            <input value={form.value} onChange={(event) => set('value', event.target.value)} />
          </label>
        ) : null}
        <button type="submit">Show</button>
      </form>
      {form.scope === 'SECTOR_WIDE' ? (
        <p className="statement">
          Sector-wide counts include AMBER objects you may not read, as numbers only, where they come from at least k organisations. Other counts are
          suppressed, drawn hatched and never as zero. Sector-wide answers come by week, with at most one filter.
        </p>
      ) : null}
      <TrendAnswer answer={answer} />
    </section>
  );
}

function TrendAnswer({ answer }: { answer: Answer }) {
  if (answer.kind === 'idle') return null;
  if (answer.kind === 'loading') return <p aria-live="polite">Counting…</p>;
  if (answer.kind === 'failed')
    return (
      <div role="alert">
        <p>{answer.message}</p>
        {answer.fields.length ? (
          <ul>
            {answer.fields.map((field) => (
              <li key={field.path}>
                {field.path}: {field.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  const { report } = answer;
  const series = toSeries(report);
  const max = largestShown(series);
  const what = report.scope === 'SECTOR_WIDE' ? 'objects sector-wide' : 'objects you may read';
  return (
    <div data-testid="trends-answer">
      <p>
        {report.scope === 'SECTOR_WIDE' ? `Sector-wide, k = ${report.k}. ` : 'What you may read. '}
        {report.buckets.length} {report.bucket.toLowerCase()}s from {bucketLabel(report.from, 'DAY')} to {bucketLabel(report.to, 'DAY')} (UTC).{' '}
        <button type="button" onClick={() => downloadText(toCsv(report), 'text/csv', `${exportName(report)}.csv`)}>
          Download the figures (CSV)
        </button>
      </p>
      <div className="charts">
        {series.map((one) => (
          <TrendChart key={one.key} series={one} bucket={report.bucket} max={max} what={what} fileName={exportName(report, one.key)} />
        ))}
      </div>
      <FiguresTable report={report} series={series} />
    </div>
  );
}

/** The same figures as a table: the charts' text alternative. */
function FiguresTable({ report, series }: { report: Report; series: Series[] }) {
  return (
    <div className="table-scroll">
    <table className="figures" data-testid="trends-table">
      <caption>The figures per {report.bucket.toLowerCase()}</caption>
      <thead>
        <tr>
          <th scope="col">{report.bucket.toLowerCase()} from</th>
          {series.map((one) => (
            <th key={one.key} scope="col">
              {one.key}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.buckets.map((bucket, index) => (
          <tr key={bucket.start}>
            <th scope="row">
              {bucketLabel(bucket.start, report.bucket)}
              {bucket.complete ? '' : ' (running)'}
            </th>
            {series.map((one) => (
              <td key={one.key} className={one.points[index].cell.kind === 'suppressed' ? 'suppressed' : undefined}>
                {cellText(one.points[index].cell)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">whole range</th>
          {series.map((one) => (
            <td key={one.key}>{cellText(one.rangeTotal)}</td>
          ))}
        </tr>
      </tfoot>
    </table>
    </div>
  );
}
