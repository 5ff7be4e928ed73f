import { compareVersions } from './schemes';
import { formatVers, parseVers, versContains } from './vers';

describe('version orderings', () => {
  // [scheme, lower, higher]: each pair must compare lower < higher both ways round.
  it.each<[string, string, string]>([
    // Semantic Versioning 2.0.0 section 11, the spec's own chain.
    ['semver', '1.0.0-alpha', '1.0.0-alpha.1'],
    ['semver', '1.0.0-alpha.1', '1.0.0-alpha.beta'],
    ['semver', '1.0.0-alpha.beta', '1.0.0-beta'],
    ['semver', '1.0.0-beta', '1.0.0-beta.2'],
    ['semver', '1.0.0-beta.2', '1.0.0-beta.11'],
    ['semver', '1.0.0-beta.11', '1.0.0-rc.1'],
    ['semver', '1.0.0-rc.1', '1.0.0'],
    ['semver', '1.0.0', '2.0.0'],
    ['semver', '2.0.0', '2.1.0'],
    ['semver', '2.1.0', '2.1.1'],
    ['semver', '1.9.0', '1.10.0'],
    ['npm', 'v1.2.3', '1.2.4'],
    ['golang', 'v0.0.0-20191109021931-daa7c04131f5', 'v0.1.0'],
    ['cargo', '0.9.9', '0.10.0'],
    // Debian policy 5.6.12.
    ['deb', '1.0~rc1', '1.0'],
    ['deb', '1.0', '1.0+b1'],
    ['deb', '1.0-1', '1.0-2'],
    ['deb', '1.0-9', '1.0-10'],
    ['deb', '2.0-1', '1:1.0-1'],
    ['deb', '1.0a', '1.0+'],
    ['deb', '1.0~~', '1.0~'],
    ['deb', '1.1.1f-1ubuntu2', '1.1.1f-1ubuntu2.1'],
    // rpmvercmp.
    ['rpm', '1.0', '1.0.1'],
    ['rpm', '1.0~rc1', '1.0'],
    ['rpm', '1.0', '1.0^git1'],
    ['rpm', '1.0a', '1.0.1'],
    ['rpm', '2.0-1.el8', '2.0-2.el8'],
    ['rpm', '5.2', '1:1.0'],
    ['rpm', '1.0.9', '1.0.10'],
    // Generic: PEP 440 and Maven shapes.
    ['pypi', '1.0.dev1', '1.0a1'],
    ['pypi', '1.0a1', '1.0b2'],
    ['pypi', '1.0b2', '1.0rc1'],
    ['pypi', '1.0rc1', '1.0'],
    ['pypi', '1.0', '1.0.post1'],
    ['pypi', '1.9', '1.10'],
    ['maven', '1.0-alpha-1', '1.0-beta-1'],
    ['maven', '1.0-SNAPSHOT', '1.0'],
    ['maven', '1.0', '1.0-sp1'],
    ['maven', '1.0-rc1', '1.0.1'],
    ['generic', '4.2.0.1', '4.10'],
    ['generic', 'V1.2', '1.3'],
    ['generic', 'L.01', 'M.00'],
    ['generic', 'A.01', 'B.00'],
  ])('%s: %s < %s', (scheme, lower, higher) => {
    expect(compareVersions(scheme, lower, higher)).toBe(-1);
    expect(compareVersions(scheme, higher, lower)).toBe(1);
  });

  it.each<[string, string, string]>([
    ['semver', '1.0.0+build.1', '1.0.0+build.2'],
    ['deb', '1.0', '1.0-0'],
    ['deb', '0:1.0', '1.0'],
    ['rpm', '1.0', '0:1.0'],
    ['rpm', '1..0', '1.0'],
    ['generic', '1.0', '1.0.0'],
    ['maven', '1.0-final', '1.0'],
  ])('%s: %s equals %s', (scheme, a, b) => {
    expect(compareVersions(scheme, a, b)).toBe(0);
  });

  it.each<[string, string]>([
    ['semver', '1.0'],
    ['semver', '01.0.0'],
    ['semver', '1.0.0-01'],
    ['semver', 'v1.0.0'],
    ['deb', 'abc'],
    ['generic', 'what?'],
    ['unknown', '1.0'],
    ['semver', `1.0.0-${'a'.repeat(300)}`],
    ['deb', `1${'-'.repeat(300)}x`],
  ])('%s refuses %s', (scheme, version) => {
    expect(compareVersions(scheme, version, version)).toBeUndefined();
  });
});

describe('vers ranges', () => {
  it.each<[string, string, boolean]>([
    ['vers:npm/>=1.0.0|<2.0.0', '1.0.0', true],
    ['vers:npm/>=1.0.0|<2.0.0', '1.9.9', true],
    ['vers:npm/>=1.0.0|<2.0.0', '2.0.0', false],
    ['vers:npm/>=1.0.0|<2.0.0', '2.0.0-rc.1', true],
    ['vers:npm/>=1.0.0|<2.0.0', '1.0.0-rc.1', false],
    ['vers:npm/<2.0.0|>=1.0.0', '1.5.0', true],
    ['vers:semver/*', '0.0.1', true],
    ['vers:semver/1.2.3', '1.2.3', true],
    ['vers:semver/1.2.3', '1.2.4', false],
    ['vers:semver/!=1.2.3', '1.2.4', true],
    ['vers:semver/!=1.2.3', '1.2.3', false],
    ['vers:semver/>=1.0.0|!=1.5.0|<2.0.0', '1.5.0', false],
    ['vers:semver/>=1.0.0|!=1.5.0|<2.0.0', '1.5.1', true],
    ['vers:semver/<1.0.0|>=2.0.0', '0.5.0', true],
    ['vers:semver/<1.0.0|>=2.0.0', '1.5.0', false],
    ['vers:semver/<1.0.0|>=2.0.0', '3.0.0', true],
    ['vers:semver/>1.0.0|<=1.5.0|>2.0.0|<3.0.0', '1.5.0', true],
    ['vers:semver/>1.0.0|<=1.5.0|>2.0.0|<3.0.0', '1.7.0', false],
    ['vers:semver/>1.0.0|<=1.5.0|>2.0.0|<3.0.0', '2.5.0', true],
    ['vers:semver/>1.0.0|<=1.5.0|>2.0.0|<3.0.0', '1.0.0', false],
    ['vers:semver/1.0.0|>=2.0.0', '1.0.0', true],
    ['vers:semver/1.0.0|>=2.0.0', '1.5.0', false],
    ['vers:deb/>=1.1.1f-1ubuntu2|<1.1.1f-1ubuntu2.16', '1.1.1f-1ubuntu2.3', true],
    ['vers:rpm/<1:2.0', '3.0', true],
    ['vers:pypi/>=2.0|<2.2.28', '2.2.28rc1', true],
    ['vers:maven/>=2.0.0|<2.15.0', '2.14.1', true],
    ['vers:generic/>=4.0|<4.2', '4.1.7', true],
    ['vers:golang/>=v1.2.0|<v1.3.0', 'v1.2.9', true],
  ])('%s contains %s: %s', (vers, version, expected) => {
    const parsed = parseVers(vers);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(versContains(parsed.range, version)).toBe(expected);
  });

  it('is undefined for a version of another shape', () => {
    const parsed = parseVers('vers:semver/>=1.0.0');
    expect(parsed.ok && versContains(parsed.range, 'not-a-version')).toBeUndefined();
  });

  it.each<[string, RegExp]>([
    ['npm/>=1.0.0', /must look like/],
    ['vers:cobol/>=1', /"cobol" is not supported/],
    ['vers:semver/', /no constraints/],
    ['vers:semver/>=1.0', /not a semver version/],
    ['vers:semver/>=1.0.0|>=1.2.0', /both lower bounds/],
    ['vers:semver/<1.0.0|<=1.2.0', /both upper bounds/],
    ['vers:semver/1.0.0|1.0.0', /more than once/],
    ['vers:semver/*|1.0.0', /stands alone/],
    ['vers:semver/>=1.0.0%zz', /percent-encoding/],
    [`vers:semver/${Array.from({ length: 500 }, (_, index) => `!=1.0.${index}`).join('|')}`, /longer than 4096/],
  ])('refuses %s', (vers, message) => {
    expect(parseVers(vers)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('formats ranges canonically, in version order', () => {
    const parsed = parseVers('vers:NPM/ <2.0.0 | >=1.0.0 ');
    expect(parsed.ok && formatVers(parsed.range)).toBe('vers:npm/>=1.0.0|<2.0.0');
  });
});
