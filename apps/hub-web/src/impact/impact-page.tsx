import { useEffect, useState } from 'react';
import { fetchPublicSummary, monthLabel, shownFigure, SUM_LABELS } from './public-summary';
import type { PublicImpactSummary } from './public-summary';

/**
 * What attacks did to patient care across the sector, as the ISAC publishes it: no sign-in, numbers only,
 * from TLP:CLEAR reports whose organisations consented, each figure from at least k organisations.
 */
export function ImpactPage() {
  const [summary, setSummary] = useState<PublicImpactSummary>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    fetchPublicSummary().then(setSummary, (reason: unknown) => setError(reason instanceof Error ? reason.message : 'The hub did not answer'));
  }, []);

  if (error) return <p role="alert">{error}</p>;
  if (!summary) return <p aria-live="polite">Loading…</p>;
  const sums = Object.keys(SUM_LABELS);
  return (
    <section aria-labelledby="impact-title">
      <h1 id="impact-title">Attacks on healthcare: the impact on patient care</h1>
      <p>
        From incident reports that members shared publicly (TLP:CLEAR) and agreed to be counted. A month is shown once it has ended and its reports come from at least{' '}
        {summary.k} organisations; a figure is withheld when fewer organisations gave it. No organisation is ever named.
      </p>
      <table data-testid="impact-summary">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Incidents</th>
            {sums.map((name) => (
              <th key={name} scope="col">
                {SUM_LABELS[name]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.buckets.map((bucket) => (
            <tr key={bucket.start}>
              <th scope="row">{monthLabel(bucket.start)}</th>
              <td>{bucket.published ? shownFigure(bucket.incidents) : 'not published'}</td>
              {sums.map((name) => (
                <td key={name}>{bucket.published ? shownFigure(bucket.sums[name]) : ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All months</th>
            <td>{shownFigure(summary.totals.incidents)}</td>
            {sums.map((name) => (
              <td key={name}>{shownFigure(summary.totals.sums[name])}</td>
            ))}
          </tr>
        </tfoot>
      </table>
      <p>
        The same numbers as JSON: <a href="/public/impact-summary">/public/impact-summary</a>.
      </p>
    </section>
  );
}
