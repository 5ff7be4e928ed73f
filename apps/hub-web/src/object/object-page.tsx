import { consolePath } from '@hub/console-routes';
import { useEffect, useState } from 'react';
import { OBJECT, REVOKE_OBJECT } from './documents';
import type { ObjectDetail } from './documents';
import { GraphqlRequestError } from '../api/graphql';
import { TlpBadge } from '../components/tlp-badge';
import { ScoreFacts } from '../score/score-facts';
import { Link } from '../router';
import { useConsole } from '../session-context';
import { formatTime, objectTitle } from '../stix-display';
import { ObjectRelationships } from './object-relationships';
import { ObjectSightings } from './object-sightings';
import { ObjectVersions } from './object-versions';

const NOT_ANSWERED = new GraphqlRequestError([{ message: 'The hub did not answer; try again', fieldErrors: [] }]);

export function ObjectPage({ id }: { id: string }) {
  const hub = useConsole();
  const [object, setObject] = useState<ObjectDetail | null>();
  const [error, setError] = useState<GraphqlRequestError>();
  const [revokeError, setRevokeError] = useState<GraphqlRequestError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    setObject(undefined);
    setError(undefined);
    hub.client.request(OBJECT, { id }).then(
      (data) => current && setObject(data.object),
      (reason: unknown) => current && setError(reason instanceof GraphqlRequestError ? reason : NOT_ANSWERED),
    );
    return () => {
      current = false;
    };
  }, [hub.client, id]);

  if (error) return <p role="alert">{error.message}</p>;
  if (object === undefined) return <p aria-live="polite">Loading…</p>;
  // Absent and not readable look the same, on purpose.
  if (object === null) return <p role="alert">There is no object {id} that you may read.</p>;

  const own = Boolean(hub.session && object.source?.organizationId === hub.session.user.organizationId);
  const mayRevoke = own && !object.revoked && (hub.session?.user.role === 'MEMBER' || hub.session?.user.role === 'ANALYST');
  const revoke = async () => {
    setBusy(true);
    setRevokeError(undefined);
    try {
      const data = await hub.client.request(REVOKE_OBJECT, { id });
      setObject({ ...object, revoked: data.revokeObject.revoked });
    } catch (reason) {
      setRevokeError(reason instanceof GraphqlRequestError ? reason : NOT_ANSWERED);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article aria-labelledby="object-title">
      <p>
        <Link href={consolePath('feed')}>← Feed</Link>
      </p>
      <h1 id="object-title">
        <TlpBadge tlp={object.tlp} /> {objectTitle(object.stix, object.id)}
      </h1>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{object.type}</dd>
        <dt>STIX id</dt>
        <dd>
          <code>{object.id}</code>
        </dd>
        <dt>Source</dt>
        <dd data-testid="object-source">
          {object.source ? (object.source.anonymous ? `${object.source.name} (a pseudonym: the source chose to stay anonymous)` : object.source.name) : 'unknown'}
        </dd>
        <dt>Modified</dt>
        <dd>{formatTime(object.modified)}</dd>
        <dt>Received</dt>
        <dd>{formatTime(object.dateAdded)}</dd>
        <dt>Status</dt>
        <dd>{object.revoked ? 'Revoked' : 'Current'}</dd>
        {object.labels.length ? (
          <>
            <dt>Labels</dt>
            <dd>{object.labels.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <ScoreFacts id={object.id} />
      <Link href={`${consolePath('sighting')}?of=${encodeURIComponent(object.id)}`}>Report a sighting</Link>
      {mayRevoke ? (
        <button type="button" onClick={() => void revoke()} disabled={busy}>
          Revoke this object
        </button>
      ) : null}
      {revokeError ? <p role="alert">{revokeError.message}</p> : null}
      <ObjectRelationships id={object.id} />
      <ObjectSightings id={object.id} />
      <ObjectVersions id={object.id} />
      <h2>STIX 2.1 JSON</h2>
      <pre className="stix" data-testid="stix-json">
        {JSON.stringify(object.stix, null, 2)}
      </pre>
    </article>
  );
}
