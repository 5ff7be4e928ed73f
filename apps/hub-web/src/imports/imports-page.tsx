import { consolePath } from '@hub/console-routes';
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { hubRequest, refusalMessages } from '../api/http';
import type { Tlp } from '../api/schema-types';
import { FormErrors } from '../components/form-errors';
import { AudienceFields, NO_AUDIENCE, submissionAudience } from '../people/submission-audience';
import type { AudienceState } from '../people/submission-audience';
import { Link } from '../router';
import { useConsole } from '../session-context';
import { AnonymityChoice } from '../share/anonymity-choice';
import { TlpChoice } from '../share/tlp-choice';
import { downloadBlob } from '../trends/download';
import { CANCEL_IMPORT_JOB, CSV_MAPPINGS, EXTRACT_OBSERVABLES, IMPORT_JOB, IMPORT_JOBS } from './documents';
import type { ImportJobView } from './documents';
import { FINISHED_STATUSES, IMPORT_CHOICES, importPath, jobSummary, reviewedText } from './import-request';
import type { ImportFormatChoice } from './import-request';

type Found = { type: string; value: string; original: string; defanged: boolean; line: number; chosen: boolean };

const POLL_MS = 1_000;

/**
 * Imports as import jobs (POST /import): observables found in pasted text, reviewed before anything
 * is shared, or a file of any size in the formats members hold. The file goes from disk to the hub as
 * the request body; progress, the reasons for refusals and cancelling are the job's.
 */
export function ImportsPage() {
  const hub = useConsole();
  const [tlp, setTlp] = useState<Tlp>('GREEN');
  const [audience, setAudience] = useState<AudienceState>(NO_AUDIENCE);
  const [anonymous, setAnonymous] = useState(false);
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found[]>();
  const [format, setFormat] = useState<ImportFormatChoice>('csv');
  const [mapping, setMapping] = useState('');
  const [file, setFile] = useState<File>();
  const [mappings, setMappings] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string>();
  const [recent, setRecent] = useState<ImportJobView[]>([]);
  const csrfToken = hub.session?.csrfToken;

  const loadRecent = useCallback(() => {
    hub.client.request(IMPORT_JOBS, { first: 10 }).then(
      (data) => setRecent(data.importJobs.edges.map((edge) => edge.node)),
      () => setRecent([]),
    );
  }, [hub.client]);

  useEffect(() => {
    if (!hub.session) return;
    loadRecent();
    hub.client.request(CSV_MAPPINGS, {}).then(
      (data) => setMappings(data.csvMappings.map((saved) => saved.name)),
      () => setMappings([]),
    );
  }, [hub.client, hub.session, loadRecent]);

  if (!hub.session) {
    return (
      <p>
        <Link href={`${consolePath('signIn')}?next=${encodeURIComponent(consolePath('imports'))}`}>Sign in</Link> to import intelligence.
      </p>
    );
  }

  /** Sends a body as a new import job; the job is then followed below. */
  const start = async (body: Blob, chosenFormat: ImportFormatChoice) => {
    setBusy(true);
    setProblems([]);
    setJobId(undefined);
    try {
      const path = importPath({ format: chosenFormat, tlp, audience: submissionAudience(tlp, audience), anonymous, mapping });
      const response = await hubRequest(path, csrfToken, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
      const answer = (await response.json().catch(() => undefined)) as { jobId?: string } | undefined;
      if (response.status !== 202 || !answer?.jobId) {
        setProblems(refusalMessages(answer, response.status));
        return;
      }
      setJobId(answer.jobId);
    } catch {
      setProblems(['The hub did not answer; try again']);
    } finally {
      setBusy(false);
    }
  };

  const findObservables = async (event: FormEvent) => {
    event.preventDefault();
    setProblems([]);
    try {
      const data = await hub.client.request(EXTRACT_OBSERVABLES, { text });
      setFound(data.extractObservables.map((observable) => ({ ...observable, chosen: true })));
    } catch (reason) {
      setProblems([reason instanceof Error ? reason.message : 'The hub did not answer; try again']);
    }
  };

  const chosen = found?.filter((observable) => observable.chosen) ?? [];

  return (
    <section aria-labelledby="imports-title">
      <h1 id="imports-title">Import</h1>
      <div className="share">
        <TlpChoice id="import-tlp" value={tlp} onChange={setTlp} />
        <p className="statement">Every object imported is marked so, or stricter where the file says so (a MISP tag).</p>
        <AudienceFields tlp={tlp} value={audience} onChange={setAudience} />
        <AnonymityChoice anonymous={anonymous} onChange={setAnonymous} verb="Share" named="Others will see your organisation’s name as the source." />
      </div>

      <form className="share" aria-label="Observables in text" onSubmit={(event) => void findObservables(event)}>
        <h2>From text</h2>
        <label>
          An advisory, an e-mail or a list (defanged forms such as hxxp and [.] are read)
          <textarea name="text" rows={8} value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <button type="submit" disabled={!text.trim()}>
          Find observables
        </button>
        {found ? (
          found.length ? (
            <fieldset data-testid="found-observables">
              <legend>Found: choose what to share</legend>
              {found.map((observable, index) => (
                <label key={`${observable.type}:${observable.value}`} className="inline-row">
                  <input
                    type="checkbox"
                    checked={observable.chosen}
                    onChange={() => setFound(found.map((item, at) => (at === index ? { ...item, chosen: !item.chosen } : item)))}
                  />{' '}
                  <span className="type">{observable.type}</span> <code>{observable.value}</code>
                  <span className="meta">
                    {' '}
                    line {observable.line}
                    {observable.defanged ? `, written ${observable.original}` : ''}
                  </span>
                </label>
              ))}
              <button type="button" disabled={busy || !chosen.length} onClick={() => void start(new Blob([reviewedText(chosen)], { type: 'text/plain' }), 'text')}>
                Share the {chosen.length} chosen
              </button>
            </fieldset>
          ) : (
            <p data-testid="found-observables">No observables found in the text.</p>
          )
        ) : null}
      </form>

      <form
        className="share"
        aria-label="A file"
        onSubmit={(event) => {
          event.preventDefault();
          if (file) void start(file, format);
        }}
      >
        <h2>From a file</h2>
        <label>
          What the file holds
          <select name="format" value={format} onChange={(event) => setFormat(event.target.value as ImportFormatChoice)}>
            {IMPORT_CHOICES.map((choice) => (
              <option key={choice.format} value={choice.format}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        {format === 'csv' ? (
          <label>
            Column mapping: the name of a saved one, or its JSON
            <input name="mapping" list="saved-mappings" value={mapping} placeholder='{"value": "indicator", "type": "type"}' onChange={(event) => setMapping(event.target.value)} />
            <datalist id="saved-mappings">
              {mappings.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
        ) : null}
        <label>
          The file (any size: it is read by the hub as a job)
          <input name="file" type="file" onChange={(event) => setFile(event.target.files?.[0])} />
        </label>
        <button type="submit" disabled={busy || !file}>
          {busy ? 'Sending…' : 'Import the file'}
        </button>
      </form>

      <FormErrors messages={problems} />
      {jobId ? <JobProgress key={jobId} id={jobId} csrfToken={csrfToken} onFinished={loadRecent} /> : null}

      {recent.length ? (
        <section aria-labelledby="recent-imports">
          <h2 id="recent-imports">Your recent imports</h2>
          <ul data-testid="recent-imports">
            {recent.map((job) => (
              <li key={job.id}>
                {job.format} · {job.tlp.replace('_', '+')} · {jobSummary(job)} · {new Date(job.created).toLocaleString()}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}

/** One job followed until it ends: its counts, why it failed, cancelling, and its per-item results. */
function JobProgress({ id, csrfToken, onFinished }: { id: string; csrfToken: string | undefined; onFinished: () => void }) {
  const hub = useConsole();
  const [job, setJob] = useState<ImportJobView>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const data = await hub.client.request(IMPORT_JOB, { id });
        if (stopped) return;
        setJob(data.importJob);
        if (FINISHED_STATUSES.has(data.importJob.status)) return onFinished();
      } catch {
        if (stopped) return;
        setProblem('The hub did not answer; still trying');
      }
      timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [hub.client, id, onFinished]);

  const cancel = async () => {
    const data = await hub.client.request(CANCEL_IMPORT_JOB, { id });
    setJob(data.cancelImportJob);
  };

  const downloadResults = async () => {
    const response = await hubRequest(`/import/${encodeURIComponent(id)}/results?format=csv`, csrfToken);
    if (!response.ok) return setProblem(`The results could not be read (HTTP ${response.status})`);
    downloadBlob(await response.blob(), `import-${id}-results.csv`);
  };

  const finished = job ? FINISHED_STATUSES.has(job.status) : false;
  return (
    <section aria-labelledby="import-job" className="import-job">
      <h2 id="import-job">Import job</h2>
      <p role="status" data-testid="import-job-status">
        {job ? jobSummary(job) : 'Queued…'}
      </p>
      {job?.errors.length ? (
        <ul role="alert" className="form-error" data-testid="import-job-errors">
          {job.errors.map((issue, index) => (
            <li key={index}>
              {issue.path ? `${issue.path}: ` : ''}
              {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {problem ? <p className="hint">{problem}</p> : null}
      {job && !finished && !job.cancelRequested ? (
        <button type="button" onClick={() => void cancel()}>
          Cancel the import
        </button>
      ) : null}
      {job && finished && job.read > 0 ? (
        <button type="button" onClick={() => void downloadResults()}>
          Download each item’s result (CSV)
        </button>
      ) : null}
    </section>
  );
}
