import { consolePath } from '@hub/console-routes';
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { SUBMIT_INDICATOR } from './documents';
import { GraphqlRequestError } from '../api/graphql';
import type { Tlp } from '../api/schema-types';
import { Link, navigate } from '../router';
import { useConsole } from '../session-context';
import { AudienceFields, NO_AUDIENCE, submissionAudience } from '../people/submission-audience';
import type { AudienceState } from '../people/submission-audience';
import { buildPattern } from './pattern-builder';
import { checkPattern } from './pattern-check';
import { TlpChoice } from './tlp-choice';
import { AnonymityChoice } from './anonymity-choice';

/** Share one indicator: the pattern is built from the values typed, and can be edited before sending. */
export function SharePage() {
  const hub = useConsole();
  const [name, setName] = useState('');
  const [values, setValues] = useState('');
  const [editedPattern, setEditedPattern] = useState<string>();
  const [description, setDescription] = useState('');
  const [tlp, setTlp] = useState<Tlp>('GREEN');
  const [anonymous, setAnonymous] = useState(false);
  const [recipients, setRecipients] = useState<AudienceState>(NO_AUDIENCE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphqlRequestError>();
  const built = useMemo(() => buildPattern(values), [values]);
  const pattern = editedPattern ?? built.pattern;
  const checked = useMemo(() => checkPattern(pattern), [pattern]);

  if (!hub.session) {
    return (
      <p>
        <Link href={`${consolePath('signIn')}?next=${encodeURIComponent(consolePath('share'))}`}>Sign in</Link> to share.
      </p>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const data = await hub.client.request(SUBMIT_INDICATOR, { input: { name, pattern, description: description || undefined, tlp, anonymous, audience: submissionAudience(tlp, recipients) } });
      navigate(consolePath('object', { id: data.submitIndicator.id }));
    } catch (reason) {
      setError(reason instanceof GraphqlRequestError ? reason : new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) => error?.fieldError(`input.${field}`);
  return (
    <section aria-labelledby="share-title">
      <h1 id="share-title">Share an indicator</h1>
      <form className="share" onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="share-name">Name</label>
        <input id="share-name" value={name} onChange={(event) => setName(event.target.value)} aria-invalid={Boolean(fieldError('name'))} aria-describedby="share-name-error" />
        <span id="share-name-error" className="field-error">
          {fieldError('name')}
        </span>

        <label htmlFor="share-values">Values (one per line: IP address or network, domain, URL, e-mail address, file hash)</label>
        <textarea id="share-values" rows={4} value={values} onChange={(event) => setValues(event.target.value)} aria-describedby="share-values-problems" />
        <ul id="share-values-problems" className="field-error" aria-live="polite">
          {built.problems.map((problem) => (
            <li key={problem.line}>
              Line {problem.line}: {problem.message}
            </li>
          ))}
        </ul>

        <label htmlFor="share-pattern">STIX pattern</label>
        <textarea
          id="share-pattern"
          rows={3}
          value={pattern}
          onChange={(event) => setEditedPattern(event.target.value)}
          aria-invalid={Boolean(fieldError('pattern') || checked.errors.length)}
          aria-describedby="share-pattern-error share-pattern-warnings"
          spellCheck={false}
        />
        {/* The server's word after sending; before, the same parser's, run here as the pattern is typed. */}
        <span id="share-pattern-error" className="field-error" data-testid="pattern-error" aria-live="polite">
          {fieldError('pattern') ?? checked.errors.join('; ')}
        </span>
        <span id="share-pattern-warnings" className="hint" data-testid="pattern-warnings">
          {checked.warnings.join('; ')}
        </span>
        {editedPattern !== undefined ? (
          <button type="button" onClick={() => setEditedPattern(undefined)}>
            Build the pattern from the values again
          </button>
        ) : null}

        <label htmlFor="share-description">Description (optional)</label>
        <textarea id="share-description" rows={3} value={description} onChange={(event) => setDescription(event.target.value)} />

        <TlpChoice id="share-tlp" value={tlp} onChange={setTlp} />
        <AudienceFields tlp={tlp} value={recipients} onChange={setRecipients} error={error} />
        <span className="field-error">{fieldError('tlp')}</span>

        <AnonymityChoice anonymous={anonymous} onChange={setAnonymous} verb="Share" named="Others will see your organisation’s name as the source." />

        {error && !error.issues.some((issue) => issue.fieldErrors.length) ? (
          <p role="alert" className="form-error">
            {error.message}
          </p>
        ) : null}
        {error && error.issues.some((issue) => issue.fieldErrors.length) ? <p role="alert">Please correct the fields marked above.</p> : null}
        <button type="submit" disabled={busy || !pattern}>
          {busy ? 'Sharing…' : 'Share'}
        </button>
      </form>
    </section>
  );
}
