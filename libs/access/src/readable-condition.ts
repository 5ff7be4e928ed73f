import { viewerTokens } from './reader-tokens';
import { tlpRank } from './tlp';
import { Viewer } from './viewer';

/** Adds a value to the query's parameters and returns its placeholder (e.g. `$3`). */
export type BindParameter = (value: unknown) => string;

const CLEAR = tlpRank('CLEAR');
const GREEN = tlpRank('GREEN');
const AMBER = tlpRank('AMBER');
const AMBER_STRICT = tlpRank('AMBER_STRICT');
const RED = tlpRank('RED');

/**
 * The TLP 2.0 policy as one SQL condition over a stored object row (`tlp` rank and `readers`
 * tokens). Every read path puts it into its WHERE clause, so the database never returns a row the
 * viewer may not read.
 */
export function readableCondition(viewer: Viewer, alias: string, bind: BindParameter): string {
  const column = (name: string) => `${alias}.${name}`;
  if (viewer.kind === 'anonymous') return `(${column('tlp')} = ${CLEAR})`;

  // A CLIENTS key forwards to its own clients: AMBER+STRICT may not leave the organisation. Keys
  // never read RED (their tokens hold no person either; this says it twice on purpose).
  const excludedRanks = viewer.kind === 'key' ? [RED, ...(viewer.keyDistribution === 'CLIENTS' ? [AMBER_STRICT] : [])] : [];
  const restricted = `${column('tlp')} >= ${AMBER}${excludedRanks.map((rank) => ` AND ${column('tlp')} <> ${rank}`).join('')}`;
  return `(${column('tlp')} <= ${GREEN} OR (${restricted} AND ${column('readers')} && ${bind(viewerTokens(viewer))}::text[]))`;
}
