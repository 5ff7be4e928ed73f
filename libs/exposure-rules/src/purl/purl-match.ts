// An advisory names a package by purl and the affected versions either in the purl's own version (one
// version) or as a `vers` range; the inventory declares a purl with the version it runs.
import { compareVersions } from '../versions/schemes';
import { versContains, type VersRange } from '../versions/vers';
import { purlPackageKey, type Purl } from './purl';

export type PurlCoverage = { covered: true } | { covered: false; reason: string };

/** Qualifiers that tell builds of one version apart; an advisory that names one only covers that build. */
const DISTINGUISHING_QUALIFIERS = ['arch', 'classifier', 'distro', 'os', 'platform', 'type'];

/**
 * Whether an advisory's purl (and range, when it has one) covers a declared purl: the same package
 * (type, namespace and name after the type's normalisation); the declared version inside the range, or equal
 * to the advisory's version when there is no range, or any version when the advisory gives neither; and
 * any distinguishing qualifier the advisory names (arch, distro, ...) equal on both sides. A declared purl
 * without a version is not covered by an advisory that limits versions: the hub cannot tell.
 */
export function advisoryPurlCovers(advisory: Purl, range: VersRange | undefined, declared: Purl): PurlCoverage {
  if (purlPackageKey(advisory) !== purlPackageKey(declared)) return { covered: false, reason: 'another package' };
  for (const qualifier of DISTINGUISHING_QUALIFIERS) {
    const wanted = advisory.qualifiers?.[qualifier];
    if (wanted !== undefined && declared.qualifiers?.[qualifier] !== wanted) return { covered: false, reason: `qualifier ${qualifier} differs` };
  }
  if (range) {
    if (declared.version === undefined) return { covered: false, reason: 'the declared version is unknown' };
    const contained = versContains(range, declared.version);
    if (contained === undefined) return { covered: false, reason: `"${declared.version}" is not a ${range.scheme} version` };
    return contained ? { covered: true } : { covered: false, reason: 'version outside the range' };
  }
  if (advisory.version === undefined) return { covered: true };
  if (declared.version === undefined) return { covered: false, reason: 'the declared version is unknown' };
  const same = advisory.version === declared.version || compareVersions(advisory.type, advisory.version, declared.version) === 0;
  return same ? { covered: true } : { covered: false, reason: 'another version' };
}
