import { addressBucket } from './address-bucket';

describe('addressBucket', () => {
  it('counts IPv4 addresses one by one, including IPv4-mapped IPv6', () => {
    expect(addressBucket('192.0.2.7')).toBe('192.0.2.7');
    expect(addressBucket('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('counts IPv6 addresses by /64', () => {
    expect(addressBucket('2001:db8:1:2::1')).toBe('2001:0db8:0001:0002::/64');
    expect(addressBucket('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:0db8:0001:0002::/64');
    expect(addressBucket('::1')).toBe('0000:0000:0000:0000::/64');
  });

  it('has one bucket for an unknown address', () => {
    expect(addressBucket(undefined)).toBe('unknown');
  });
});
