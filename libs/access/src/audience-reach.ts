import { Tlp, tlpRank } from './tlp';

/** Who may read one stored version: its marking and its reader tokens (see reader-tokens.ts). */
export interface VersionReach {
  tlp: Tlp;
  readers: string[];
}

/**
 * Whether everyone who may read `narrower` may also read `wider`. A marking at least as wide keeps
 * every reader the stricter one allowed (each step towards RED only excludes: CLIENTS keys, then
 * all keys); CLEAR and GREEN need no tokens, AMBER and RED need one of the wider version's tokens.
 */
export function reachCovers(wider: VersionReach, narrower: VersionReach): boolean {
  if (tlpRank(wider.tlp) > tlpRank(narrower.tlp)) return false;
  if (tlpRank(wider.tlp) <= tlpRank('GREEN')) return true;
  const tokens = new Set(wider.readers);
  return narrower.readers.every((token) => tokens.has(token));
}

/**
 * The versions a revocation must be written for, so that it reaches everyone who could read any
 * earlier version, each with the content they were allowed to read. Readers see the latest version
 * they may read; so a version needs a revoked copy of its own unless a newer one that is revoked, or
 * gets a copy, reaches all its readers. Versions already revoked (a submitted `revoked: true`, copies
 * of an earlier revocation) count as written: a revocation submitted for one reach is completed for
 * the others. `newestFirst` is every version of one object, newest first; so is the answer; none
 * means the object is revoked for everyone who could read it.
 */
export function versionsToRevoke<T extends VersionReach & { revoked?: boolean }>(newestFirst: readonly T[]): T[] {
  const kept: T[] = [];
  const revokedFor: VersionReach[] = [];
  for (const version of newestFirst) {
    if (revokedFor.some((newer) => reachCovers(newer, version))) continue;
    revokedFor.push(version);
    if (!version.revoked) kept.push(version);
  }
  return kept;
}
