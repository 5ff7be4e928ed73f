import { blockContains, ipInCidr, maskIpv6Hex, networkOf, parseIpBlock, parseIpv4Number, parseIpv6Hex } from './ip';

describe('parseIpBlock', () => {
  it.each([
    ['10.1.2.3', { version: 4, address: 0x0a010203, prefix: 32 }],
    ['255.255.255.255', { version: 4, address: 0xffffffff, prefix: 32 }],
    ['010.001.002.003', { version: 4, address: 0x0a010203, prefix: 32 }],
    ['10.0.0.0/8', { version: 4, address: 0x0a000000, prefix: 8 }],
    ['0.0.0.0/0', { version: 4, address: 0, prefix: 0 }],
    ['2001:db8::1', { version: 6, hex: '20010db8000000000000000000000001', prefix: 128 }],
    ['2001:DB8::/32', { version: 6, hex: '20010db8000000000000000000000000', prefix: 32 }],
    ['::', { version: 6, hex: '0'.repeat(32), prefix: 128 }],
    ['::ffff:192.0.2.1', { version: 6, hex: '00000000000000000000ffffc0000201', prefix: 128 }],
    ['1:2:3:4:5:6:7:8', { version: 6, hex: '00010002000300040005000600070008', prefix: 128 }],
  ])('reads %s', (text, expected) => {
    expect(parseIpBlock(text)).toEqual(expected);
  });

  it.each([
    '', '10.1.2', '10.1.2.3.4', '256.1.1.1', '10.1.2.3/33', '10.1.2.3/', '10.1.2.3/a', '1.2.3.4/1/2', '10..2.3', 'a.b.c.d',
    '2001:db8::1::2', '2001:db8::/129', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'fe80::1%eth0', '12345::', '1.2.3.4::', 'example.com',
  ])('refuses %j', (text) => {
    expect(parseIpBlock(text)).toBeUndefined();
  });
});

describe('networkOf / masks', () => {
  it.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['192.168.77.1/17', '192.168.0.0/17'],
    ['255.255.255.255/0', '0.0.0.0/0'],
  ])('clears the host bits of %s', (text, network) => {
    expect(networkOf(parseIpBlock(text)!)).toEqual(parseIpBlock(network));
  });

  it.each([
    [32, '20010db8'],
    [33, '20010db88'],
    [35, '20010db8e'],
    [36, '20010db8f'],
    [0, ''],
  ])('maskIpv6Hex to /%d', (prefix, expected) => {
    expect(maskIpv6Hex('20010db8ffff0000000000000000000f', prefix)).toBe(expected);
  });

  it('numbers IPv4 without sign trouble', () => {
    expect(parseIpv4Number('128.0.0.0')).toBe(2 ** 31);
    expect(parseIpv6Hex('fe80::')).toBe('fe80' + '0'.repeat(28));
  });
});

describe('blockContains / ipInCidr (the pure twin of inet <<=)', () => {
  it.each([
    ['10.20.3.4', '10.20.0.0/16', true],
    ['10.21.0.1', '10.20.0.0/16', false],
    ['10.20.0.0/16', '10.20.0.0/16', true],
    ['10.20.128.0/17', '10.20.0.0/16', true],
    ['10.20.0.0/15', '10.20.0.0/16', false],
    ['10.1.2.3', '10.9.9.9/8', true],
    ['1.2.3.4', '0.0.0.0/0', true],
    ['2001:db8:1::5', '2001:db8::/32', true],
    ['2001:db9::5', '2001:db8::/32', false],
    ['2001:db8::/48', '2001:db8::/32', true],
    ['fe80::1', 'fe80::/10', true],
    ['febf::1', 'fe80::/10', true],
    ['fec0::1', 'fe80::/10', false],
    ['10.0.0.1', '::/0', false],
    ['::ffff:10.0.0.1', '10.0.0.0/8', false],
    ['not-an-ip', '10.0.0.0/8', false],
    ['10.0.0.1', 'nonsense', false],
  ])('%s inside %s: %s', (value, cidr, expected) => {
    expect(ipInCidr(value, cidr)).toBe(expected);
  });

  it('a block contains itself, and never a wider one', () => {
    const wide = parseIpBlock('10.0.0.0/8')!;
    const narrow = parseIpBlock('10.1.0.0/16')!;
    expect(blockContains(wide, wide)).toBe(true);
    expect(blockContains(narrow, wide)).toBe(false);
  });
});
