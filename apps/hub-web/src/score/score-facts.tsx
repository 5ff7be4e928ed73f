import { useEffect, useState } from 'react';
import { useConsole } from '../session-context';
import { OBJECT_SCORE } from './documents';
import type { ObjectScore } from './documents';

/**
 * The object page's score (indicators only) and the totals of the sightings the reader may read.
 * Read on its own, so the page shows without it if it fails; the hub decides both under the reader's rules.
 */
export function ScoreFacts({ id }: { id: string }) {
  const hub = useConsole();
  const [scored, setScored] = useState<ObjectScore | null>();

  useEffect(() => {
    let current = true;
    setScored(undefined);
    hub.client.request(OBJECT_SCORE, { id }).then(
      (data) => current && setScored(data.object),
      () => current && setScored(null),
    );
    return () => {
      current = false;
    };
  }, [hub.client, id]);

  if (!scored) return null;
  const { sightings, falsePositives, expirations } = scored.sightingTotals;
  return (
    <dl className="facts" data-testid="object-score">
      {scored.score !== null && scored.score !== undefined ? (
        <>
          <dt>Score</dt>
          <dd title="0–100: the source's confidence and shared sightings, decaying with age (0: decayed)">{scored.score === 0 ? '0 (decayed)' : `${scored.score} / 100`}</dd>
        </>
      ) : null}
      <dt>Sightings you may read</dt>
      <dd>
        {sightings} seen · {falsePositives} false positive{falsePositives === 1 ? '' : 's'} · {expirations} expired
      </dd>
    </dl>
  );
}
