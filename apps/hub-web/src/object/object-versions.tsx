import { TlpBadge } from '../components/tlp-badge';
import { formatTime } from '../stix-display';

/** To the second: versions of one object are often minutes, even seconds, apart. */
function toTheSecond(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : undefined;
  return date && !Number.isNaN(date.getTime()) ? `${date.toISOString().replace('T', ' ').slice(0, 19)} UTC` : formatTime(iso);
}
import { OBJECT_VERSIONS } from './documents';
import { useObjectRead } from './use-object-read';

/** The versions of the object the person may read (the hub leaves out the others, and does not count them). */
export function ObjectVersions({ id }: { id: string }) {
  const read = useObjectRead(OBJECT_VERSIONS, id);
  return (
    <section aria-labelledby="versions-title" data-testid="object-versions">
      <h2 id="versions-title">Versions</h2>
      {read.state === 'loading' ? <p aria-live="polite">Loading versions…</p> : null}
      {read.state === 'failed' ? <p role="alert">{read.error.message}</p> : null}
      {read.state === 'done' && read.data.object ? (
        <div className="table-scroll">
          <table className="figures">
            <caption>
              {read.data.object.versionCount === 1 ? '1 version you may read' : `${read.data.object.versionCount} versions you may read`}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">modified</th>
                <th scope="col">received</th>
                <th scope="col">TLP</th>
                <th scope="col">source</th>
                <th scope="col">status</th>
              </tr>
            </thead>
            <tbody>
              {read.data.object.versions.map((version, index) => (
                <tr key={`${version.modified ?? ''}/${index}`}>
                  <th scope="row">{toTheSecond(version.modified)}</th>
                  <td>{toTheSecond(version.dateAdded)}</td>
                  <td>
                    <TlpBadge tlp={version.tlp} />
                  </td>
                  <td>{version.source ? (version.source.anonymous ? `${version.source.name} (pseudonym)` : version.source.name) : 'unknown'}</td>
                  <td>{version.revoked ? 'revoked' : 'current'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
