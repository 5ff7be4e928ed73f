import { Viewer } from '@hub/access';

/**
 * Whom TAXII reads for. TAXII is the machine channel: it carries what a key of the caller's
 * organisation may read, even when a person calls it with a login token. So RED never travels
 * over TAXII, not even to the people it names, nor do the objects that stand on it (a sighting of
 * a RED indicator), nor references to it; and what is shared with a person by name stays in the
 * GraphQL API, where the person reads it. A key's view is always within its person's view.
 */
export function taxiiReader(viewer: Viewer): Viewer {
  if (viewer.kind !== 'user') return viewer;
  return { ...viewer, kind: 'key', keyDistribution: 'INTERNAL' };
}
