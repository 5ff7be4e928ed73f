import { consolePath } from '@hub/console-routes';
import { Fragment, useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import type { Tlp } from '../api/schema-types';
import { AudienceFields, NO_AUDIENCE, submissionAudience } from '../people/submission-audience';
import type { AudienceState } from '../people/submission-audience';
import { Link, navigate } from '../router';
import { useConsole } from '../session-context';
import { AnonymityChoice } from '../share/anonymity-choice';
import { TlpChoice } from '../share/tlp-choice';
import { INCIDENT_VERSION, SUBMIT_INCIDENT } from './documents';
import { CARE_NUMBERS, CLINICAL_HARM, EMPTY_FORM, fieldOfIssue, formFromIncident, incidentObjects, STAGES } from './incident-report';
import type { IncidentFormState, Stage } from './incident-report';

type Issue = { path: string; message: string };

/**
 * Report an incident and what it did to patient care; with `?version=<incident id>`, report its next stage
 * (detected → contained → recovered) as a new version of the same incident.
 */
export function IncidentPage({ version }: { version?: string }) {
  const hub = useConsole();
  const [form, setForm] = useState<IncidentFormState>(EMPTY_FORM);
  const [previous, setPrevious] = useState<Record<string, unknown>>();
  const [tlp, setTlp] = useState<Tlp>('AMBER');
  const [anonymous, setAnonymous] = useState(false);
  const [recipients, setRecipients] = useState<AudienceState>(NO_AUDIENCE);
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<{ errors: Issue[]; warnings: Issue[] }>({ errors: [], warnings: [] });
  const [failure, setFailure] = useState<GraphqlRequestError>();

  useEffect(() => {
    if (!version || !hub.session) return;
    hub.client.request(INCIDENT_VERSION, { id: version }).then(
      (data) => {
        if (data.object?.type !== 'incident') return setFailure(new GraphqlRequestError([{ message: 'No incident with this id that you can read', fieldErrors: [] }]));
        const stix = data.object.stix as Record<string, unknown>;
        setPrevious(stix);
        setForm(formFromIncident(stix));
      },
      (reason: unknown) => setFailure(reason instanceof GraphqlRequestError ? reason : undefined),
    );
  }, [version, hub]);

  if (!hub.session) {
    return (
      <p>
        <Link href={`${consolePath('signIn')}?next=${encodeURIComponent(consolePath('incidentNew'))}`}>Sign in</Link> to report an incident.
      </p>
    );
  }

  const set = <K extends keyof IncidentFormState>(key: K, value: IncidentFormState[K]) => setForm((current) => ({ ...current, [key]: value }));
  const setNumber = (key: (typeof CARE_NUMBERS)[number][0], value: string) => setForm((current) => ({ ...current, numbers: { ...current.numbers, [key]: value } }));
  const fieldErrors = (field: string) => issues.errors.filter((issue) => fieldOfIssue(issue.path) === field).map((issue) => issue.message).join('; ');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const objects = incidentObjects(form, { previous });
      const bundle = { type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects };
      const data = await hub.client.request(SUBMIT_INCIDENT, { input: { bundle, tlp, anonymous, audience: submissionAudience(tlp, recipients) } });
      const results = data.submitBundle.results;
      const errors = results.flatMap((result) => result.errors);
      setIssues({ errors, warnings: results.flatMap((result) => result.warnings) });
      if (!errors.length) navigate(consolePath('object', { id: objects[0].id as string }));
    } catch (reason) {
      setFailure(reason instanceof GraphqlRequestError ? reason : new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]));
    } finally {
      setBusy(false);
    }
  };

  const field = (id: string, label: string, input: ReactNode, property: string) => (
    <>
      <label htmlFor={id}>{label}</label>
      {input}
      <span id={`${id}-error`} className="field-error">
        {fieldErrors(property)}
      </span>
    </>
  );

  return (
    <section aria-labelledby="incident-title">
      <h1 id="incident-title">{previous ? `Report the next stage of “${String(previous.name ?? '')}”` : 'Report an incident and its care impact'}</h1>
      <form className="share" onSubmit={(event) => void submit(event)} noValidate>
        {field('incident-name', 'Name', <input id="incident-name" value={form.name} onChange={(event) => set('name', event.target.value)} aria-describedby="incident-name-error" />, 'name')}
        <label htmlFor="incident-description">Description (optional)</label>
        <textarea id="incident-description" rows={3} value={form.description} onChange={(event) => set('description', event.target.value)} />

        <label htmlFor="incident-stage">Stage</label>
        <select id="incident-stage" value={form.stage} onChange={(event) => set('stage', event.target.value as Stage)}>
          {(Object.keys(STAGES) as Stage[]).map((stage) => (
            <option key={stage} value={stage}>
              {STAGES[stage].label}
            </option>
          ))}
        </select>
        {field(
          'incident-types',
          'Incident types (comma-separated, e.g. ransomware, data-exfiltration, denial-of-service)',
          <input id="incident-types" value={form.incidentTypes} onChange={(event) => set('incidentTypes', event.target.value)} aria-describedby="incident-types-error" />,
          'incident_types',
        )}
        {field('incident-criticality', 'Criticality (0–100)', <input id="incident-criticality" inputMode="numeric" value={form.criticality} onChange={(event) => set('criticality', event.target.value)} />, 'criticality')}

        {/* A grid like the form's, so that each label stands above its field. */}
        <fieldset className="share">
          <legend>Impact on patient care</legend>
          {field('care-period-start', 'Care disrupted from (UTC)', <input id="care-period-start" type="datetime-local" value={form.periodStart} onChange={(event) => set('periodStart', event.target.value)} />, 'period_start')}
          {field('care-period-end', 'Back to normal at (UTC)', <input id="care-period-end" type="datetime-local" value={form.periodEnd} onChange={(event) => set('periodEnd', event.target.value)} />, 'period_end')}
          {CARE_NUMBERS.map(([key, label]) => (
            <Fragment key={key}>
              {field(`care-${key}`, label, <input id={`care-${key}`} inputMode="decimal" value={form.numbers[key] ?? ''} onChange={(event) => setNumber(key, event.target.value)} />, key)}
            </Fragment>
          ))}
          <label className="inline">
            <input type="checkbox" checked={form.paperFallback} onChange={(event) => set('paperFallback', event.target.checked)} /> Care fell back to paper
          </label>
          <label className="inline">
            <input type="checkbox" checked={form.patientDataLeaked} onChange={(event) => set('patientDataLeaked', event.target.checked)} /> Patient data was published on a leak site
          </label>
          <label htmlFor="care-harm">Clinical harm</label>
          <select id="care-harm" value={form.clinicalHarm} onChange={(event) => set('clinicalHarm', event.target.value as IncidentFormState['clinicalHarm'])}>
            <option value="">Not reported</option>
            {CLINICAL_HARM.map((harm) => (
              <option key={harm} value={harm}>
                {harm}
              </option>
            ))}
          </select>
          {!previous
            ? field('care-records', 'Records of patients exposed', <input id="care-records" inputMode="numeric" value={form.recordsExposed} onChange={(event) => set('recordsExposed', event.target.value)} />, 'recordsExposed')
            : null}
          <label className="inline">
            <input type="checkbox" checked={form.consentPublicSummary} onChange={(event) => set('consentPublicSummary', event.target.checked)} /> Count this report in the
            ISAC’s public summary (numbers only, never your name; only when shared TLP:CLEAR)
          </label>
        </fieldset>

        <TlpChoice id="incident-tlp" value={tlp} onChange={setTlp} />
        <AudienceFields tlp={tlp} value={recipients} onChange={setRecipients} error={failure} />
        <AnonymityChoice anonymous={anonymous} onChange={setAnonymous} verb="Report" named="Others will see your organisation’s name as the source." />

        {issues.errors.length ? (
          <div role="alert">
            <p>The hub refused the report:</p>
            <ul>
              {issues.errors.map((issue) => (
                <li key={`${issue.path} ${issue.message}`}>
                  {issue.path}: {issue.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {issues.warnings.length ? (
          <ul className="warnings" aria-label="Warnings">
            {issues.warnings.map((issue) => (
              <li key={`${issue.path} ${issue.message}`}>
                {issue.path}: {issue.message}
              </li>
            ))}
          </ul>
        ) : null}
        {failure ? (
          <p role="alert" className="form-error">
            {failure.message}
          </p>
        ) : null}
        <button type="submit" disabled={busy || !form.name}>
          {busy ? 'Reporting…' : previous ? 'Report this stage' : 'Report'}
        </button>
      </form>
    </section>
  );
}
