// Version orderings for the `vers` schemes the hub understands. Each scheme parses a version once (so a
// range's bounds are parsed once, not per comparison) and compares parsed versions.
//
// - semver, npm, cargo, golang: Semantic Versioning 2.0.0 (precedence of section 11, pre-releases before the
//   release, build metadata ignored). npm and golang accept a leading "v"; golang pseudo-versions are
//   pre-releases and so order correctly.
// - deb: Debian policy 5.6.12 (epoch:upstream-revision, "~" before anything, letters before other symbols).
// - rpm: rpmvercmp (epoch:version-release, alphanumeric segments, "~" before and "^" after the base).
// - generic, pypi, maven, gem, nuget, composer, conan, hex, pub, swift, github: the generic ordering below,
//   which agrees with PEP 440, Maven's ComparableVersion and RubyGems on releases, pre-releases
//   (dev < alpha/a < beta/b < milestone/m < rc/c/cr/pre/preview < snapshot < release) and post-releases
//   (release < post/sp/patch < unknown words), but not on every corner (PEP 440 epochs "N!" and local
//   versions "+local", Maven's unlimited qualifier rules).
// Any other scheme is refused by parseVers, with its name in the message.

export interface VersionScheme<V = unknown> {
  name: string;
  /** The parsed version, or undefined when `text` is not a version of this scheme. */
  parse(text: string): V | undefined;
  compare(a: V, b: V): number;
}

// Semantic Versioning 2.0.0 -------------------------------------------------------------------------

interface Semver {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function parseSemver(text: string, allowV: boolean): Semver | undefined {
  const match = SEMVER.exec(allowV && /^v\d/.test(text) ? text.slice(1) : text);
  if (!match) return undefined;
  const numbers = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!numbers.every(Number.isSafeInteger)) return undefined;
  const prerelease = match[4] === undefined ? [] : match[4].split('.').map((identifier) => (/^\d+$/.test(identifier) ? Number(identifier) : identifier));
  return { major: numbers[0], minor: numbers[1], patch: numbers[2], prerelease };
}

function compareSemver(a: Semver, b: Semver): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  if (a.patch !== b.patch) return a.patch - b.patch;
  // Semver 11.3: a pre-release has lower precedence than the release.
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return b.prerelease.length - a.prerelease.length;
  // Semver 11.4: identifier by identifier; numbers numerically and below strings; a shorter list first.
  for (let index = 0; index < Math.min(a.prerelease.length, b.prerelease.length); index++) {
    const x = a.prerelease[index];
    const y = b.prerelease[index];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return a.prerelease.length - b.prerelease.length;
}

function semverScheme(name: string, allowV: boolean): VersionScheme<Semver> {
  return { name, parse: (text) => parseSemver(text, allowV), compare: compareSemver };
}

// Debian -------------------------------------------------------------------------------------------

interface EpochVersion {
  epoch: number;
  version: string;
  release: string;
}

function parseDebian(text: string): EpochVersion | undefined {
  const match = /^(?:(\d+):)?([0-9][A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$/.exec(text);
  if (!match) return undefined;
  // The upstream version may hold a hyphen only when there is a revision; the lazy match gives the last one.
  const upstream = match[2];
  if (upstream.includes(':') && match[1] === undefined) return undefined;
  return { epoch: Number(match[1] ?? 0), version: upstream, release: match[3] ?? '' };
}

function debianOrder(char: string | undefined): number {
  if (char === undefined) return 0;
  if (char === '~') return -1;
  if (/[A-Za-z]/.test(char)) return char.charCodeAt(0);
  return char.charCodeAt(0) + 256;
}

/** dpkg's verrevcmp: alternate non-digit parts (by debianOrder) and digit parts (numerically). */
function debianCompareParts(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/\d/.test(a[i])) || (j < b.length && !/\d/.test(b[j]))) {
      const x = i < a.length && !/\d/.test(a[i]) ? debianOrder(a[i]) : 0;
      const y = j < b.length && !/\d/.test(b[j]) ? debianOrder(b[j]) : 0;
      if (x !== y) return x - y;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    let firstDifference = 0;
    while (i < a.length && /\d/.test(a[i]) && j < b.length && /\d/.test(b[j])) {
      if (firstDifference === 0) firstDifference = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && /\d/.test(a[i])) return 1;
    if (j < b.length && /\d/.test(b[j])) return -1;
    if (firstDifference !== 0) return firstDifference;
  }
  return 0;
}

const debian: VersionScheme<EpochVersion> = {
  name: 'deb',
  parse: parseDebian,
  compare: (a, b) => a.epoch - b.epoch || debianCompareParts(a.version, b.version) || debianCompareParts(a.release, b.release),
};

// RPM ----------------------------------------------------------------------------------------------

function parseRpm(text: string): EpochVersion | undefined {
  const match = /^(?:(\d+):)?([^\s:-]+)(?:-([^\s:-]+))?$/.exec(text);
  if (!match) return undefined;
  return { epoch: Number(match[1] ?? 0), version: match[2], release: match[3] ?? '' };
}

/** rpmvercmp from rpm's lib/rpmvercmp.c. */
function rpmCompareParts(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const isAlnum = (char: string | undefined) => char !== undefined && /[A-Za-z0-9]/.test(char);
  for (;;) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = /\d/.test(a[i]);
    const segment = numeric ? /^\d+/ : /^[A-Za-z]+/;
    const x = segment.exec(a.slice(i))?.[0] ?? '';
    const y = segment.exec(b.slice(j))?.[0] ?? '';
    // A numeric segment is newer than an alphabetic one.
    if (y === '') return numeric ? 1 : -1;
    i += x.length;
    j += y.length;
    if (numeric) {
      const left = x.replace(/^0+/, '');
      const right = y.replace(/^0+/, '');
      if (left.length !== right.length) return left.length - right.length;
      if (left !== right) return left < right ? -1 : 1;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

const rpm: VersionScheme<EpochVersion> = {
  name: 'rpm',
  parse: parseRpm,
  compare: (a, b) => a.epoch - b.epoch || rpmCompareParts(a.version, b.version) || rpmCompareParts(a.release, b.release),
};

// Generic ------------------------------------------------------------------------------------------

type Token = number | string;

const WORD_RANKS: ReadonlyMap<string, number> = new Map([
  ['dev', -6], ['alpha', -5], ['a', -5], ['beta', -4], ['b', -4], ['milestone', -3], ['m', -3],
  ['rc', -2], ['c', -2], ['cr', -2], ['pre', -2], ['preview', -2], ['snapshot', -1],
  ['', 0], ['final', 0], ['ga', 0], ['release', 0],
  ['post', 1], ['sp', 1], ['patch', 1], ['pl', 1], ['r', 1], ['rev', 1],
]);

function parseGeneric(text: string): Token[] | undefined {
  const lower = text.trim().toLowerCase().replace(/^v(?=\d)/, '');
  if (lower === '' || !/^[0-9a-z._+~-]+$/.test(lower)) return undefined;
  const tokens: Token[] = [];
  for (const [token] of lower.matchAll(/\d+|[a-z]+/g)) tokens.push(/^\d/.test(token) ? Number(token) : token);
  return tokens.length === 0 ? undefined : tokens;
}

function wordRank(word: string): number {
  return WORD_RANKS.get(word) ?? 2;
}

/** Token by token; a missing token counts as 0 against a number and as the release against a word. */
function compareGeneric(a: Token[], b: Token[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const x = a[index];
    const y = b[index];
    if (x === y) continue;
    const left = x ?? (typeof y === 'number' ? 0 : '');
    const right = y ?? (typeof x === 'number' ? 0 : '');
    if (typeof left === 'number' && typeof right === 'number') {
      if (left !== right) return left - right;
    } else if (typeof left === 'number') return 1;
    else if (typeof right === 'number') return -1;
    else if (index === 0) {
      // A leading word is a name, not a qualifier: device versions such as "L.01" < "M.00".
      if (left !== right) return left < right ? -1 : 1;
    } else {
      const difference = wordRank(left) - wordRank(right);
      if (difference !== 0) return difference;
      // Known words of one rank are synonyms (a = alpha); unknown words order lexically.
      if (!WORD_RANKS.has(left) && left !== right) return left < right ? -1 : 1;
    }
  }
  return 0;
}

const generic = (name: string): VersionScheme<Token[]> => ({ name, parse: parseGeneric, compare: compareGeneric });

/** Longer strings are not versions; the bound also keeps the per-scheme patterns' work small. */
export const MAX_VERSION_LENGTH = 256;

function bounded<V>(scheme: VersionScheme<V>): VersionScheme<V> {
  return { ...scheme, parse: (text) => (text.length > MAX_VERSION_LENGTH ? undefined : scheme.parse(text)) };
}

const SCHEMES: ReadonlyMap<string, VersionScheme> = new Map<string, VersionScheme>(
  [
    semverScheme('semver', false),
    semverScheme('npm', true),
    semverScheme('cargo', false),
    semverScheme('golang', true),
    debian,
    rpm,
    ...['generic', 'pypi', 'maven', 'gem', 'nuget', 'composer', 'conan', 'hex', 'pub', 'swift', 'github'].map(generic),
  ].map((scheme) => [scheme.name, bounded(scheme as VersionScheme)]),
);

export const SUPPORTED_VERSION_SCHEMES: readonly string[] = [...SCHEMES.keys()];

export function versionScheme(name: string): VersionScheme | undefined {
  return SCHEMES.get(name.toLowerCase());
}

/** Compares two versions of a scheme; undefined when the scheme is unknown or either is not a version of it. */
export function compareVersions(scheme: string, a: string, b: string): number | undefined {
  const ordering = versionScheme(scheme);
  if (!ordering) return undefined;
  const x = ordering.parse(a);
  const y = ordering.parse(b);
  if (x === undefined || y === undefined) return undefined;
  return Math.sign(ordering.compare(x, y));
}
