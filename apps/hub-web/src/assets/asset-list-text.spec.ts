import { formatAssetText, lineOfError, parseAssetText } from './asset-list-text';

describe('asset list text', () => {
  it('reads one entry a line, with an optional kind and comment, skipping blank and comment lines', () => {
    const text = '# our estate\n10.1.0.0/16 # campus\n\nexample-hospital.org\nHOSTNAME portal.example-hospital.org\n2001:db8::1\nip 10.9.9.9 #  relay \n';
    expect(parseAssetText(text)).toEqual({
      entries: [
        { kind: 'CIDR', value: '10.1.0.0/16', comment: 'campus' },
        { kind: 'DOMAIN', value: 'example-hospital.org' },
        { kind: 'HOSTNAME', value: 'portal.example-hospital.org' },
        { kind: 'IP', value: '2001:db8::1' },
        { kind: 'IP', value: '10.9.9.9', comment: 'relay' },
      ],
      lines: [2, 4, 5, 6, 7],
    });
  });

  it('writes the saved list back in the same form', () => {
    const assets = [
      { kind: 'DOMAIN' as const, value: 'example-hospital.org', comment: null },
      { kind: 'CIDR' as const, value: '10.1.0.0/16', comment: 'campus' },
    ];
    expect(formatAssetText(assets)).toBe('DOMAIN example-hospital.org\nCIDR 10.1.0.0/16 # campus');
    expect(parseAssetText(formatAssetText(assets)).entries).toEqual([
      { kind: 'DOMAIN', value: 'example-hospital.org' },
      { kind: 'CIDR', value: '10.1.0.0/16', comment: 'campus' },
    ]);
  });

  it("puts the hub's entry errors on their lines", () => {
    expect(lineOfError('input.entries[1].value', [2, 4, 5])).toBe('line 4');
    expect(lineOfError('input.entries[7].value', [2, 4, 5])).toBeUndefined();
    expect(lineOfError('input.entries', [2])).toBeUndefined();
  });
});
