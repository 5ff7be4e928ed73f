import { consolePath } from '@hub/console-routes';
import { TlpBadge } from '../components/tlp-badge';
import { Link } from '../router';
import { formatTime } from '../stix-display';
import { OBJECT_SIGHTINGS } from './documents';
import { useObjectRead } from './use-object-read';

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The sightings of the object the person may read, newest first. */
export function ObjectSightings({ id }: { id: string }) {
  const read = useObjectRead(OBJECT_SIGHTINGS, id);
  const sightings = read.state === 'done' ? read.data.object?.sightings : undefined;
  return (
    <section aria-labelledby="sightings-title" data-testid="object-sightings">
      <h2 id="sightings-title">Sightings</h2>
      {read.state === 'loading' ? <p aria-live="polite">Loading sightings…</p> : null}
      {read.state === 'failed' ? <p role="alert">{read.error.message}</p> : null}
      {sightings && !sightings.edges.length ? <p>No sighting of this object that you may read.</p> : null}
      {sightings?.edges.length ? (
        <div className="table-scroll">
          <table className="figures">
            <caption>{sightings.totalCount === 1 ? '1 sighting you may read' : `${sightings.totalCount} sightings you may read`}</caption>
            <thead>
              <tr>
                <th scope="col">reported by</th>
                <th scope="col">count</th>
                <th scope="col">first seen</th>
                <th scope="col">last seen</th>
                <th scope="col">TLP</th>
              </tr>
            </thead>
            <tbody>
              {sightings.edges.map(({ node }) => {
                const stix = (node.stix ?? {}) as Record<string, unknown>;
                return (
                  <tr key={node.id}>
                    <th scope="row">
                      <Link href={consolePath('object', { id: node.id })}>{node.source ? (node.source.anonymous ? `${node.source.name} (pseudonym)` : node.source.name) : 'unknown'}</Link>
                    </th>
                    <td>{typeof stix.count === 'number' ? stix.count : 1}</td>
                    <td>{formatTime(text(stix.first_seen))}</td>
                    <td>{formatTime(text(stix.last_seen))}</td>
                    <td>
                      <TlpBadge tlp={node.tlp} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
