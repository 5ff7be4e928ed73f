import { createHash } from 'node:crypto';
import { readableCondition } from '@hub/access';
import type { Viewer } from '@hub/access';

// Bump when what a profile part stores changes meaning, so that old parts are rebuilt.
const PROFILE_FORMAT = 'trend-profile-1';

/**
 * Viewers who may read exactly the same rows share one access profile. The fingerprint is the
 * readable condition itself (its SQL and its bound values), so a change of the policy, of a
 * viewer's organisation, groups, kind, role-independent rights or key distribution gives a new
 * profile: a stale one can never answer for a viewer.
 */
export function accessFingerprint(viewer: Viewer): string {
  const values: unknown[] = [];
  const condition = readableCondition(viewer, 'row', (value) => {
    values.push(Array.isArray(value) ? [...value].sort() : value);
    return `$${values.length}`;
  });
  return createHash('sha256').update(JSON.stringify([PROFILE_FORMAT, condition, values])).digest('hex');
}
