import { consolePath } from '@hub/console-routes';
import { useState } from 'react';
import type { DragEvent, FormEvent } from 'react';
import { GraphqlRequestError } from '../api/graphql';
import type { Tlp } from '../api/schema-types';
import { AudienceFields, NO_AUDIENCE, submissionAudience } from '../people/submission-audience';
import type { AudienceState } from '../people/submission-audience';
import { Link } from '../router';
import { useConsole } from '../session-context';
import { TlpChoice } from '../share/tlp-choice';
import { fileSizeProblem, readBundle, resultRows, resultSummary } from './bundle-file';
import type { BundleObjectSummary, ResultRow } from './bundle-file';
import { SUBMIT_BUNDLE } from './documents';
import { AnonymityChoice } from '../share/anonymity-choice';
import { FormErrors } from '../components/form-errors';

interface ChosenFile {
  name: string;
  bundle: unknown;
  objects: BundleObjectSummary[];
}

/** Share a STIX 2.1 bundle from a file; each object is accepted or rejected on its own, in the hub's words. */
export function UploadPage() {
  const hub = useConsole();
  const [file, setFile] = useState<ChosenFile>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [tlp, setTlp] = useState<Tlp>('GREEN');
  const [audience, setAudience] = useState<AudienceState>(NO_AUDIENCE);
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphqlRequestError>();
  const [result, setResult] = useState<{ summary: string; rows: ResultRow[] }>();

  if (!hub.session) {
    return (
      <p>
        <Link href={`${consolePath('signIn')}?next=${encodeURIComponent(consolePath('upload'))}`}>Sign in</Link> to upload a bundle.
      </p>
    );
  }

  const choose = async (chosen: File | undefined) => {
    setFile(undefined);
    setResult(undefined);
    setError(undefined);
    setFileProblem(undefined);
    if (!chosen) return;
    // Checked before reading: a file too large for the hub is never read into memory or sent.
    const sizeProblem = fileSizeProblem(chosen.size);
    if (sizeProblem) return setFileProblem(`${chosen.name}: ${sizeProblem}`);
    const read = readBundle(await chosen.text());
    if ('problem' in read) return setFileProblem(`${chosen.name}: ${read.problem}`);
    setFile({ name: chosen.name, bundle: read.bundle, objects: read.objects });
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void choose(event.dataTransfer.files[0]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const data = await hub.client.request(SUBMIT_BUNDLE, { input: { bundle: file.bundle, tlp, anonymous, audience: submissionAudience(tlp, audience) } });
      setResult({ summary: resultSummary(data.submitBundle), rows: resultRows(data.submitBundle.results, file.objects) });
    } catch (reason) {
      setError(reason instanceof GraphqlRequestError ? reason : new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]));
    } finally {
      setBusy(false);
    }
  };

  const otherErrors = error?.issues.flatMap((issue) =>
    issue.fieldErrors.length ? issue.fieldErrors.filter((field) => !/^(input\.)?audience/.test(field.path)).map((field) => `${field.path}: ${field.message}`) : [issue.message],
  );

  return (
    <section aria-labelledby="upload-title">
      <h1 id="upload-title">Upload a STIX bundle</h1>
      <form className="share" onSubmit={(event) => void submit(event)} noValidate>
        <div
          className={dragging ? 'dropzone dragging' : 'dropzone'}
          data-testid="dropzone"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
        >
          <label htmlFor="bundle-file">A STIX 2.1 bundle (.json): choose the file or drop it here</label>
          <input id="bundle-file" type="file" accept=".json,application/json,application/stix+json" onChange={(event) => void choose(event.target.files?.[0])} aria-describedby="bundle-file-problem" />
          <p id="bundle-file-problem" role="alert" className="field-error" data-testid="file-problem">
            {fileProblem}
          </p>
          {file ? (
            <p data-testid="file-chosen">
              {file.name}: {file.objects.length} {file.objects.length === 1 ? 'object' : 'objects'}
            </p>
          ) : null}
        </div>

        <TlpChoice id="upload-tlp" value={tlp} onChange={setTlp} />
        <p className="statement">Each object keeps its own marking when it is stricter than this one.</p>
        <AudienceFields tlp={tlp} value={audience} onChange={setAudience} error={error} />

        <AnonymityChoice anonymous={anonymous} onChange={setAnonymous} verb="Share" named="Others will see your organisation’s name as the source." />

        <FormErrors messages={otherErrors} />
        <button type="submit" disabled={busy || !file}>
          {busy ? 'Sending…' : 'Share the bundle'}
        </button>
      </form>

      {result ? <Results summary={result.summary} rows={result.rows} /> : null}
    </section>
  );
}

function Results({ summary, rows }: { summary: string; rows: ResultRow[] }) {
  return (
    <section aria-labelledby="upload-results">
      <h2 id="upload-results">Results</h2>
      <p data-testid="upload-summary">{summary}</p>
      <table className="results" data-testid="upload-results">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">STIX id</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col">Errors</th>
            <th scope="col">Warnings</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.index} data-status={row.status}>
              <td>{row.index}</td>
              <td>{row.status === 'REJECTED' || !row.id ? <code>{row.id}</code> : <Link href={consolePath('object', { id: row.id })}>{row.id}</Link>}</td>
              <td>{row.type}</td>
              <td>
                {row.status}
                {row.pseudonym ? ` (as ${row.pseudonym})` : ''}
              </td>
              <td>
                <Issues issues={row.errors} />
              </td>
              <td>
                <Issues issues={row.warnings} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Issues({ issues }: { issues: { path: string; message: string }[] }) {
  if (!issues.length) return null;
  return (
    <ul>
      {issues.map((issue) => (
        <li key={`${issue.path}:${issue.message}`}>
          <code>{issue.path}</code>: {issue.message}
        </li>
      ))}
    </ul>
  );
}
