import { parseVers } from '../versions/vers';
import { formatPurl, parsePurl, purlPackageKey, type Purl } from './purl';
import { advisoryPurlCovers } from './purl-match';

function purl(text: string): Purl {
  const result = parsePurl(text);
  if (!result.ok) throw new Error(`${text}: ${result.message}`);
  return result.purl;
}

describe('purl parsing', () => {
  // [input, canonical form]: examples from the purl spec and its types list.
  it.each<[string, string]>([
    ['pkg:npm/%40angular/animation@12.3.1', 'pkg:npm/%40angular/animation@12.3.1'],
    ['pkg:npm/@Angular/Core@12.0.0', 'pkg:npm/%40angular/core@12.0.0'],
    ['pkg:pypi/Django_Allauth@1.11.1', 'pkg:pypi/django-allauth@1.11.1'],
    ['pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?packaging=sources&classifier=dist', 'pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=dist&packaging=sources'],
    ['pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c#api', 'pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c#api'],
    ['pkg:deb/Debian/CURL@7.50.3-1?arch=i386&distro=jessie', 'pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie'],
    ['pkg:rpm/FEDORA/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25', 'pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25'],
    ['pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz', 'pkg:generic/openssl@1.1.10g?download_url=https:%2F%2Fopenssl.org%2Fsource%2Fopenssl-1.1.0g.tar.gz'],
    ['pkg:GitHub/Package-URL/purl-spec@244fd47e07d1004f0aed9c', 'pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c'],
    ['pkg:nuget/EnterpriseLibrary.Common@6.0.1304', 'pkg:nuget/EnterpriseLibrary.Common@6.0.1304'],
    ['pkg:cargo/rand@0.7.2', 'pkg:cargo/rand@0.7.2'],
    ['pkg:gem/ruby-advisory-db-check@0.12.4', 'pkg:gem/ruby-advisory-db-check@0.12.4'],
    ['pkg:docker/cassandra@sha256:244fd47e07d1004f0aed9c', 'pkg:docker/cassandra@sha256:244fd47e07d1004f0aed9c'],
    ['pkg:npm/foo?vcs_url=&arch=', 'pkg:npm/foo'],
    ['pkg://npm//foo//bar@1.0.0', 'pkg:npm/foo/bar@1.0.0'],
    ['pkg:generic/a%20b@1.0#/src/./../lib//x/', 'pkg:generic/a%20b@1.0#src/lib/x'],
  ])('%s', (input, canonical) => {
    expect(formatPurl(purl(input))).toBe(canonical);
  });

  it.each<[string, RegExp]>([
    ['npm/foo@1.0.0', /must start with "pkg:"/],
    ['pkg:npm', /type and a name/],
    ['pkg:npm/', /must have a name/],
    ['pkg:1npm/foo', /type "1npm"/],
    ['pkg:npm/foo@', /no version/],
    ['pkg:npm/foo bar', /whitespace/],
    ['pkg:npm/foo%zz', /malformed percent-encoding/],
    ['pkg:npm/foo?arch', /key=value/],
    ['pkg:npm/foo?1arch=x', /qualifier key/],
    ['pkg:npm/foo?arch=x&ARCH=y', /more than once/],
    ['pkg:maven/batik-anim@1.9.1', /needs a namespace/],
    ['pkg:pypi/org/django', /has no namespace/],
    ['pkg:golang/context', /needs a namespace/],
    [`pkg:npm/${'a'.repeat(5000)}`, /longer than 4096/],
  ])('refuses %s', (input, message) => {
    expect(parsePurl(input)).toEqual({ ok: false, message: expect.stringMatching(message) });
  });

  it('keys packages without version, qualifiers and subpath; NuGet ids case-insensitively', () => {
    expect(purlPackageKey(purl('pkg:npm/@Angular/core@1.0.0?x=y#a'))).toBe('npm/@angular/core');
    expect(purlPackageKey(purl('pkg:pypi/requests'))).toBe('pypi//requests');
    expect(purlPackageKey(purl('pkg:nuget/Newtonsoft.Json@13.0.1'))).toBe(purlPackageKey(purl('pkg:nuget/newtonsoft.json@12')));
  });
});

describe('advisory purl covers a declared purl', () => {
  it.each<[string, string, string | undefined, string, boolean]>([
    ['in range', 'pkg:npm/lodash', 'vers:npm/<4.17.21', 'pkg:npm/lodash@4.17.20', true],
    ['at the excluded upper bound', 'pkg:npm/lodash', 'vers:npm/<4.17.21', 'pkg:npm/lodash@4.17.21', false],
    ['other package', 'pkg:npm/lodash', 'vers:npm/<4.17.21', 'pkg:npm/lodash-es@4.17.20', false],
    ['same name, other namespace', 'pkg:maven/org.apache.logging.log4j/log4j-core', 'vers:maven/>=2.0|<2.15.0', 'pkg:maven/org.example/log4j-core@2.14.1', false],
    ['maven range', 'pkg:maven/org.apache.logging.log4j/log4j-core', 'vers:maven/>=2.0|<2.15.0', 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', true],
    ['pypi name normalised', 'pkg:pypi/django-allauth', 'vers:pypi/<0.54.0', 'pkg:pypi/Django_Allauth@0.50.0', true],
    ['exact version, no range', 'pkg:npm/%40angular/core@12.0.0', undefined, 'pkg:npm/@angular/core@12.0.0', true],
    ['exact version by ordering', 'pkg:golang/github.com/x/y@v1.2.3', undefined, 'pkg:golang/github.com/x/y@1.2.3', true],
    ['other exact version', 'pkg:npm/%40angular/core@12.0.0', undefined, 'pkg:npm/@angular/core@12.0.1', false],
    ['every version', 'pkg:cargo/rand', undefined, 'pkg:cargo/rand@0.7.2', true],
    ['declared version unknown', 'pkg:npm/lodash', 'vers:npm/<4.17.21', 'pkg:npm/lodash', false],
    ['declared version not semver', 'pkg:npm/lodash', 'vers:npm/<4.17.21', 'pkg:npm/lodash@latest', false],
    ['advisory arch must agree', 'pkg:deb/debian/openssl?arch=amd64', 'vers:deb/<1.1.1n-0+deb11u1', 'pkg:deb/debian/openssl@1.1.1k-1?arch=arm64', false],
    ['advisory arch agrees', 'pkg:deb/debian/openssl?arch=amd64', 'vers:deb/<1.1.1n-0+deb11u1', 'pkg:deb/debian/openssl@1.1.1k-1?arch=amd64', true],
    ['declared qualifiers the advisory ignores', 'pkg:deb/debian/openssl', 'vers:deb/<1.1.1n-0+deb11u1', 'pkg:deb/debian/openssl@1.1.1k-1?arch=arm64', true],
    ['prerelease below the fix', 'pkg:npm/next', 'vers:npm/>=13.0.0|<13.5.1', 'pkg:npm/next@13.5.1-canary.3', true],
  ])('%s', (_case, advisory, vers, declared, expected) => {
    const range = vers === undefined ? undefined : parseVers(vers);
    if (range && !range.ok) throw new Error(range.message);
    expect(advisoryPurlCovers(purl(advisory), range?.ok ? range.range : undefined, purl(declared)).covered).toBe(expected);
  });
});
