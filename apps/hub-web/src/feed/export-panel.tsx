import { useState } from 'react';
import type { FormEvent } from 'react';
import { hubRequest, refusalMessages } from '../api/http';
import type { Tlp } from '../api/schema-types';
import { downloadBlob } from '../trends/download';
import { EXPORT_CHOICES, exportFileName, exportRequest } from './export-query';
import type { ExportFormatChoice } from './export-query';
import { TLPS } from './feed-filter';
import type { FeedFilterForm } from './feed-filter';

/**
 * Downloads what the feed's filter selects as a block list, rules or a bundle, through GET
 * /export/{format}: the same read rules and audit as an export by API key. The file is gathered in
 * the browser before it is saved, so the page says so; a very large export is for the command line.
 */
export function ExportPanel({ filter, csrfToken }: { filter: FeedFilterForm; csrfToken: string | undefined }) {
  const [format, setFormat] = useState<ExportFormatChoice>('stix');
  const [maxTlp, setMaxTlp] = useState<Tlp | ''>('');
  const [excludeWarned, setExcludeWarned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<string>();
  const request = exportRequest(filter, { format, maxTlp, excludeWarned });

  const download = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems([]);
    setDone(undefined);
    try {
      const response = await hubRequest(request.path, csrfToken);
      if (!response.ok) {
        setProblems(refusalMessages(await response.json().catch(() => undefined), response.status));
        return;
      }
      const blob = await response.blob();
      const fileName = exportFileName(response.headers.get('content-disposition'), format);
      downloadBlob(blob, fileName);
      setDone(`${fileName} (${formatSize(blob.size)})`);
    } catch {
      setProblems(['The export was cut short (the hub or the connection went away); try again']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="export" onSubmit={download} aria-label="Export this feed">
      <fieldset>
        <legend>Export what this filter selects</legend>
        <label>
          Format
          <select name="format" value={format} onChange={(event) => setFormat(event.target.value as ExportFormatChoice)}>
            {EXPORT_CHOICES.map((choice) => (
              <option key={choice.format} value={choice.format}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Widest TLP
          <select name="maxTlp" value={maxTlp} onChange={(event) => setMaxTlp(event.target.value as Tlp | '')}>
            <option value="">Everything I may read</option>
            {TLPS.map((tlp) => (
              <option key={tlp} value={tlp}>
                {tlp.replace('_', '+')} and wider
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={excludeWarned} onChange={(event) => setExcludeWarned(event.target.checked)} /> Leave out values on warninglists (private ranges, public resolvers)
        </label>
        {request.notCarried.length ? <p className="hint">Not applied to the file: {request.notCarried.join(', ')}.</p> : null}
        <p className="hint">
          The file is gathered in this browser before it is saved; for very large exports use <code>hub-member export</code>.
        </p>
        <button type="submit" disabled={busy}>
          {busy ? 'Exporting…' : 'Download'}
        </button>
      </fieldset>
      {problems.length ? (
        <div role="alert" className="form-error" data-testid="export-problems">
          {problems.map((problem, index) => (
            <p key={index}>{problem}</p>
          ))}
        </div>
      ) : null}
      {done ? (
        <p role="status" data-testid="export-done">
          Saved {done}.
        </p>
      ) : null}
    </form>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
