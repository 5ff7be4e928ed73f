import { reachCovers, versionsToRevoke, VersionReach } from './audience-reach';

const version = (name: string, tlp: VersionReach['tlp'], readers: string[] = []) => ({ name, tlp, readers });

describe('reachCovers', () => {
  it('lets a wider marking cover a stricter one only when it keeps all its readers', () => {
    expect(reachCovers(version('g', 'GREEN'), version('a', 'AMBER', ['org:a']))).toBe(true);
    expect(reachCovers(version('a', 'AMBER', ['org:a', 'org:b']), version('r', 'RED', ['user:x']))).toBe(false);
    expect(reachCovers(version('a', 'AMBER', ['org:a', 'user:x']), version('r', 'RED', ['user:x']))).toBe(true);
    expect(reachCovers(version('a', 'AMBER', ['org:a']), version('a2', 'AMBER', ['org:a', 'org:b']))).toBe(false);
  });

  it('never lets a stricter marking cover a wider one: GREEN does not reach the public of CLEAR, RED no key of AMBER', () => {
    expect(reachCovers(version('g', 'GREEN'), version('c', 'CLEAR'))).toBe(false);
    expect(reachCovers(version('r', 'RED', ['user:x', 'org:a']), version('a', 'AMBER', ['org:a']))).toBe(false);
    expect(reachCovers(version('s', 'AMBER_STRICT', ['org:a']), version('a', 'AMBER', ['org:a']))).toBe(false);
  });
});

describe('versionsToRevoke', () => {
  it('keeps the latest version of each reach a newer version does not cover', () => {
    const newestFirst = [
      version('v4 narrowed to A', 'AMBER', ['org:a']),
      version('v3 A and B', 'AMBER', ['org:a', 'org:b']),
      version('v2 A and B', 'AMBER', ['org:a', 'org:b']),
      version('v1 A only', 'AMBER', ['org:a']),
    ];
    expect(versionsToRevoke(newestFirst).map((kept) => kept.name)).toEqual(['v4 narrowed to A', 'v3 A and B']);
  });

  it('needs one revocation when the latest version reaches everyone the earlier ones did', () => {
    expect(versionsToRevoke([version('v2', 'GREEN'), version('v1', 'RED', ['user:x'])]).map((kept) => kept.name)).toEqual(['v2']);
  });

  it('counts versions already revoked as written, and completes a revocation submitted for a narrower reach', () => {
    const revoked = (name: string, tlp: VersionReach['tlp'], readers: string[] = []) => ({ ...version(name, tlp, readers), revoked: true });
    // A revoked version for one person does not revoke the GREEN version for everyone else.
    expect(versionsToRevoke([revoked('v2 RED for x', 'RED', ['user:x']), version('v1', 'GREEN')]).map((kept) => kept.name)).toEqual(['v1']);
    // Revoked for everyone already: nothing to write.
    expect(versionsToRevoke([revoked('v3 copy', 'GREEN'), revoked('v2 RED for x', 'RED', ['user:x']), version('v1', 'AMBER', ['org:a'])])).toEqual([]);
    // An older revoked version covers nothing newer: the newer version still needs its copy.
    expect(versionsToRevoke([version('v2', 'AMBER', ['org:a']), revoked('v1', 'GREEN')]).map((kept) => kept.name)).toEqual(['v2']);
  });
});
