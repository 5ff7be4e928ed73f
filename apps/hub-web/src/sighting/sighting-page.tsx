import { consolePath } from '@hub/console-routes';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import type { SightingType, Tlp } from '../api/schema-types';
import { TlpBadge } from '../components/tlp-badge';
import { AudienceFields, NO_AUDIENCE, submissionAudience } from '../people/submission-audience';
import type { AudienceState } from '../people/submission-audience';
import { Link, navigate } from '../router';
import { useConsole } from '../session-context';
import { TlpChoice } from '../share/tlp-choice';
import { objectTitle } from '../stix-display';
import { REPORT_SIGHTING, SIGHTED_OBJECT } from './documents';
import { sightingFields } from './sighting-form';
import type { SightingForm } from './sighting-form';
import { AnonymityChoice } from '../share/anonymity-choice';
import { FormErrors } from '../components/form-errors';
import { SightingTypeChoice } from './sighting-type-choice';

/** Report that your organisation saw an indicator (or another object); `of` comes from the object page's link. */
export function SightingPage({ of }: { of?: string }) {
  const hub = useConsole();
  const [form, setForm] = useState<SightingForm>({ sightingOfRef: of ?? '', count: '1', firstSeen: '', lastSeen: '' });
  const [type, setType] = useState<SightingType>('SIGHTING');
  const [description, setDescription] = useState('');
  const [tlp, setTlp] = useState<Tlp>('GREEN');
  const [audience, setAudience] = useState<AudienceState>(NO_AUDIENCE);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<GraphqlRequestError>();
  const [sighted, setSighted] = useState<{ id: string; title: string; tlp: Tlp } | null>();
  const checked = sightingFields(form);
  const ref = checked.problems.sightingOfRef ? undefined : checked.fields.sightingOfRef;

  // Names what the sighting is of, when the viewer may read it; an id the viewer cannot read looks like an unknown one.
  useEffect(() => {
    if (!ref || !hub.session) return setSighted(undefined);
    let current = true;
    hub.client.request(SIGHTED_OBJECT, { id: ref }).then(
      (data) => current && setSighted(data.object ? { id: data.object.id, title: objectTitle(data.object.stix, data.object.id), tlp: data.object.tlp } : null),
      () => current && setSighted(undefined),
    );
    return () => {
      current = false;
    };
  }, [ref, hub.client, hub.session]);

  if (!hub.session) {
    const here = consolePath('sighting') + (of ? `?of=${encodeURIComponent(of)}` : '');
    return (
      <p>
        <Link href={`${consolePath('signIn')}?next=${encodeURIComponent(here)}`}>Sign in</Link> to report a sighting.
      </p>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(checked.problems).length) return;
    setBusy(true);
    setError(undefined);
    try {
      const data = await hub.client.request(REPORT_SIGHTING, {
        input: { ...checked.fields, type, description: description || undefined, tlp, anonymous, audience: submissionAudience(tlp, audience) },
      });
      navigate(consolePath('object', { id: data.reportSighting.id }));
    } catch (reason) {
      setError(reason instanceof GraphqlRequestError ? reason : new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]));
    } finally {
      setBusy(false);
    }
  };

  const problem = (field: keyof SightingForm) => (tried ? checked.problems[field] : undefined) ?? error?.fieldError(`input.${field}`);
  const input = (field: keyof SightingForm, label: string, type: string) => (
    <>
      <label htmlFor={`sighting-${field}`}>{label}</label>
      <input
        id={`sighting-${field}`}
        type={type}
        value={form[field]}
        onChange={(event) => setForm({ ...form, [field]: event.target.value })}
        aria-invalid={Boolean(problem(field))}
        aria-describedby={`sighting-${field}-error`}
        {...(type === 'number' ? { min: 1, step: 1 } : {})}
      />
      <span id={`sighting-${field}-error`} className="field-error">
        {problem(field)}
      </span>
    </>
  );
  const otherErrors = error?.issues.flatMap((issue) =>
    issue.fieldErrors.length
      ? issue.fieldErrors.filter((field) => !/^(input\.(sightingOfRef|count|firstSeen|lastSeen)|(input\.)?audience)/.test(field.path)).map((field) => `${field.path}: ${field.message}`)
      : [issue.message],
  );

  return (
    <section aria-labelledby="sighting-title">
      <h1 id="sighting-title">Report a sighting</h1>
      <form className="share" onSubmit={(event) => void submit(event)} noValidate>
        {input('sightingOfRef', 'What was seen (STIX id)', 'text')}
        <p data-testid="sighted-object">
          {sighted ? (
            <>
              <TlpBadge tlp={sighted.tlp} /> <Link href={consolePath('object', { id: sighted.id })}>{sighted.title}</Link>
            </>
          ) : sighted === null ? (
            'You cannot read an object with this id.'
          ) : null}
        </p>
        <SightingTypeChoice value={type} onChange={setType} />
        {input('count', 'How many times', 'number')}
        {input('firstSeen', 'First seen (optional)', 'datetime-local')}
        {input('lastSeen', 'Last seen (optional)', 'datetime-local')}
        <label htmlFor="sighting-description">Description (optional)</label>
        <textarea id="sighting-description" rows={3} value={description} onChange={(event) => setDescription(event.target.value)} />

        <TlpChoice id="sighting-tlp" value={tlp} onChange={setTlp} />
        <AudienceFields tlp={tlp} value={audience} onChange={setAudience} error={error} />

        <AnonymityChoice anonymous={anonymous} onChange={setAnonymous} verb="Report" named="Others will see that your organisation saw it." />
        <FormErrors messages={otherErrors} />
        <button type="submit" disabled={busy}>
          {busy ? 'Reporting…' : 'Report the sighting'}
        </button>
      </form>
    </section>
  );
}
