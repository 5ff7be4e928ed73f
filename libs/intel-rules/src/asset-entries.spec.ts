import { MAX_ASSET_ENTRIES, parseAssetEntries, parseAssetEntry } from './asset-entries';

describe('parseAssetEntry', () => {
  it.each([
    ['DOMAIN', 'Example-Hospital.ORG.', 'example-hospital.org'],
    ['DOMAIN', '*.example-hospital.org', 'example-hospital.org'],
    ['HOSTNAME', ' portal.example-hospital.org ', 'portal.example-hospital.org'],
    ['CIDR', '10.1.0.0/16', '10.1.0.0/16'],
    ['CIDR', '2001:DB8:0:0::/32', '2001:db8::/32'],
    ['IP', '10.1.2.3', '10.1.2.3'],
    ['IP', '2001:db8:0:0:0:0:0:1', '2001:db8::1'],
  ])('%s %s -> %s', (kind, value, canonical) => {
    expect(parseAssetEntry({ kind, value })).toEqual({ kind, value: canonical });
  });

  it.each([
    ['DOMAIN', 'org', "'org' is a top-level domain; declare the organisation's own domains"],
    ['DOMAIN', '10.1.2.3', "'10.1.2.3' is an address: use kind IP"],
    ['DOMAIN', 'exa mple.org', "'exa mple.org' is not a domain name (expected e.g. example-hospital.org)"],
    ['HOSTNAME', '*.example.org', "'*.example.org' is a wildcard: use kind DOMAIN for a domain and its subdomains"],
    ['CIDR', '10.1.2.3/16', "'10.1.2.3/16' has host bits set (did you mean 10.1.0.0/16?)"],
    ['CIDR', '2001:db8::1/32', "'2001:db8::1/32' has host bits set (did you mean 2001:db8::/32?)"],
    ['CIDR', '10.0.0.0/7', "'10.0.0.0/7' is wider than /8; declare the ranges the organisation holds"],
    ['CIDR', '10.1.0.0', "'10.1.0.0' has no prefix length (e.g. 10.1.0.0/16): use kind IP for one address"],
    ['CIDR', '10.1.0.0/33', "'10.1.0.0/33' is not an IPv4 or IPv6 CIDR block"],
    ['IP', '10.1.0.0/16', "'10.1.0.0/16' is a block: use kind CIDR"],
    ['IP', '10.1.0.256', "'10.1.0.256' is not an IPv4 or IPv6 address"],
    ['IP', '  ', 'must not be empty'],
  ])('%s %s is refused', (kind, value, message) => {
    expect(parseAssetEntry({ kind, value })).toEqual({ errors: [{ path: 'value', message }] });
  });

  it('keeps a trimmed comment and refuses a long one or an unknown kind', () => {
    expect(parseAssetEntry({ kind: 'IP', value: '10.1.2.3', comment: ' mail relay ' })).toEqual({ kind: 'IP', value: '10.1.2.3', comment: 'mail relay' });
    expect(parseAssetEntry({ kind: 'IP', value: '10.1.2.3', comment: '' })).toEqual({ kind: 'IP', value: '10.1.2.3' });
    expect(parseAssetEntry({ kind: 'IP', value: '10.1.2.3', comment: 'x'.repeat(501) })).toEqual({ errors: [{ path: 'comment', message: 'at most 500 characters' }] });
    expect(parseAssetEntry({ kind: 'URL', value: 'https://a.example' })).toEqual({ errors: [{ path: 'kind', message: 'must be one of DOMAIN, HOSTNAME, CIDR, IP' }] });
  });
});

describe('parseAssetEntries', () => {
  it('reports every bad entry with its path and accepts nothing then', () => {
    expect(
      parseAssetEntries([
        { kind: 'CIDR', value: '10.1.0.0/16' },
        { kind: 'IP', value: 'nope' },
        { kind: 'DOMAIN', value: 'example-hospital.org' },
        { kind: 'CIDR', value: '10.1.0.1/16', comment: 'y'.repeat(600) },
      ]),
    ).toEqual({
      ok: false,
      errors: [
        { path: 'entries[1].value', message: "'nope' is not an IPv4 or IPv6 address" },
        { path: 'entries[3].comment', message: 'at most 500 characters' },
        { path: 'entries[3].value', message: "'10.1.0.1/16' has host bits set (did you mean 10.1.0.0/16?)" },
      ],
    });
  });

  it('merges repeats (same kind and canonical value), keeping the first comment', () => {
    expect(
      parseAssetEntries([
        { kind: 'DOMAIN', value: 'Example.org', comment: 'first' },
        { kind: 'DOMAIN', value: '*.example.org', comment: 'second' },
        { kind: 'HOSTNAME', value: 'example.org' },
      ]),
    ).toEqual({ ok: true, entries: [{ kind: 'DOMAIN', value: 'example.org', comment: 'first' }, { kind: 'HOSTNAME', value: 'example.org' }] });
  });

  it('refuses more than the limit as a whole', () => {
    const entries = Array.from({ length: MAX_ASSET_ENTRIES + 1 }, (_, i) => ({ kind: 'IP', value: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` }));
    expect(parseAssetEntries(entries, 'input.entries')).toEqual({
      ok: false,
      errors: [{ path: 'input.entries', message: 'at most 10,000 entries (got 10,001); split the list or use CIDR blocks' }],
    });
    expect(parseAssetEntries(entries.slice(1))).toMatchObject({ ok: true });
  });
});
