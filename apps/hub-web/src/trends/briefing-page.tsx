import { consolePath } from '@hub/console-routes';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import type { TrendBucketSize, TrendGroupBy, TrendScope } from '../api/schema-types';
import { Link } from '../router';
import { useConsole } from '../session-context';
import { briefingCsv, bucketLabel, largestShown, sightingSeries } from './chart-data';
import { TREND_BRIEFING } from './documents';
import type { Briefing } from './documents';
import { downloadText } from './download';
import { GROUPINGS } from './question';
import { TrendChart } from './trend-chart';

interface BriefingQuestion {
  period: TrendBucketSize;
  scope: TrendScope;
  groupBy: TrendGroupBy;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** The briefing figures as a page to read: what rose, sightings per week, validity, time to a sighting. */
export function BriefingPage() {
  const hub = useConsole();
  const [form, setForm] = useState<BriefingQuestion>({ period: 'WEEK', scope: 'READABLE', groupBy: 'MALWARE_FAMILY' });
  const [asked, setAsked] = useState<BriefingQuestion>(form);
  const [briefing, setBriefing] = useState<Briefing>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    setBriefing(undefined);
    setError(undefined);
    const input = { ...asked, period: asked.scope === 'SECTOR_WIDE' ? 'WEEK' : asked.period };
    hub.client.request(TREND_BRIEFING, { input }).then(
      (data) => current && setBriefing(data.trendBriefing),
      (reason: unknown) => current && setError(reason instanceof GraphqlRequestError ? reason.message : 'The hub did not answer'),
    );
    return () => {
      current = false;
    };
  }, [hub.client, asked]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked(form);
  };

  return (
    <article aria-labelledby="briefing-title" className="briefing">
      <h1 id="briefing-title">Trends briefing</h1>
      <p>
        <Link href={consolePath('trends')}>Back to the trends</Link>
      </p>
      <form className="filters" onSubmit={submit} aria-label="Briefing question">
        <label>
          Period
          <select value={form.scope === 'SECTOR_WIDE' ? 'WEEK' : form.period} disabled={form.scope === 'SECTOR_WIDE'} onChange={(event) => setForm({ ...form, period: event.target.value as TrendBucketSize })}>
            <option value="WEEK">week</option>
            <option value="MONTH">month</option>
          </select>
        </label>
        <label>
          Scope
          <select value={form.scope} onChange={(event) => setForm({ ...form, scope: event.target.value as TrendScope })}>
            <option value="READABLE">What I may read</option>
            <option value="SECTOR_WIDE">Sector-wide</option>
          </select>
        </label>
        <label>
          Rising groups by
          <select value={form.groupBy} onChange={(event) => setForm({ ...form, groupBy: event.target.value as TrendGroupBy })}>
            {GROUPINGS.map((grouping) => (
              <option key={grouping} value={grouping}>
                {grouping.toLowerCase().replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {error ? <p role="alert">{error}</p> : null}
      {!briefing && !error ? <p aria-live="polite">Preparing the briefing…</p> : null}
      {briefing ? <BriefingText briefing={briefing} /> : null}
    </article>
  );
}

function BriefingText({ briefing }: { briefing: Briefing }) {
  const { period, previousPeriod, rising, indicatorValidity, timeToFirstSighting } = briefing;
  const sightings = sightingSeries(briefing);
  const scope = briefing.scope === 'SECTOR_WIDE' ? `sector-wide (k = ${briefing.k})` : 'over what you may read';
  return (
    <div data-testid="briefing">
      <p>
        The period from {bucketLabel(period.start, 'DAY')} to {bucketLabel(period.end, 'DAY')} (exclusive, UTC), against {bucketLabel(previousPeriod.start, 'DAY')} to{' '}
        {bucketLabel(previousPeriod.end, 'DAY')}, {scope}.{' '}
        <button type="button" onClick={() => downloadText(briefingCsv(briefing), 'text/csv', `briefing-${bucketLabel(period.start, 'DAY')}.csv`)}>
          Download the figures (CSV)
        </button>
      </p>
      <h2>What rose</h2>
      {rising.length === 0 ? (
        <p>No group grew against the previous period{briefing.scope === 'SECTOR_WIDE' ? ' (groups with a suppressed count are left out)' : ''}.</p>
      ) : (
        <table className="figures">
          <caption>Groups by {briefing.groupBy.toLowerCase().replace('_', ' ')} that grew most</caption>
          <thead>
            <tr>
              <th scope="col">group</th>
              <th scope="col">previous</th>
              <th scope="col">this period</th>
              <th scope="col">change</th>
            </tr>
          </thead>
          <tbody>
            {rising.map((group) => (
              <tr key={group.key}>
                <th scope="row">{group.key}</th>
                <td>{group.previous}</td>
                <td>{group.current}</td>
                <td>
                  +{group.change}
                  {group.changeRatio === null || group.changeRatio === undefined ? ' (new)' : ` (${percent(group.changeRatio)})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Sightings per week</h2>
      <TrendChart series={sightings} bucket="WEEK" max={largestShown([sightings])} what="sightings" fileName={`briefing-sightings-${bucketLabel(period.start, 'DAY')}`} />
      <h2>Indicators still valid</h2>
      <p>
        {indicatorValidity.indicators === 0
          ? 'You received no indicator you may read in this period.'
          : `${indicatorValidity.valid} of the ${indicatorValidity.indicators} indicators you may read received in this period are still valid${indicatorValidity.share === null || indicatorValidity.share === undefined ? '' : ` (${percent(indicatorValidity.share)})`}.`}
      </p>
      <h2>Time to a first sighting</h2>
      <p>
        {timeToFirstSighting.medianHours === null || timeToFirstSighting.medianHours === undefined
          ? 'No indicator of this period was sighted by another organisation, as far as you may read.'
          : `${timeToFirstSighting.sightedIndicators} indicators were sighted by another organisation; the median time from valid_from to the first sighting was ${Math.round(timeToFirstSighting.medianHours * 10) / 10} hours.`}
      </p>
    </div>
  );
}
