/** What one statement reads of rows the caller has read through the feed's rules. */
export interface FactsAsked {
  score: boolean;
  hits: boolean;
}

/**
 * SQL: the stored score and the warninglist hits of the rows `$1` (pks), one row per pk: both
 * derived from the row itself (see the migrations), so they tell of nothing but the row, which the
 * caller has just read under the feed's rules. Only the facts asked for are read; each is a probe
 * of its table's primary key. Hits come ordered by list and value.
 */
export function factsOfRows(asked: FactsAsked): string {
  const score = asked.score ? 'score.score' : 'NULL::smallint AS score';
  const hits = asked.hits ? 'hits.hits' : 'NULL::json AS hits';
  return `SELECT row_key.pk::text AS pk, ${score}, ${hits}
    FROM unnest($1::bigint[]) AS row_key(pk)
    ${asked.score ? 'LEFT JOIN indicator_score score ON score.object_pk = row_key.pk' : ''}
    ${
      asked.hits
        ? `LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('list', hit.list, 'action', hit.action, 'value', hit.value) ORDER BY hit.list, hit.value) AS hits
      FROM warninglist_hit hit WHERE hit.object_pk = row_key.pk) hits ON true`
        : ''
    }`;
}
