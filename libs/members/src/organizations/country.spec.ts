import { countryName, isIsoCountryCode } from './country';

describe('isIsoCountryCode', () => {
  it.each(['CZ', 'DE', 'FR', 'US', 'GB', 'SK', 'AT'])('accepts %s', (code) => {
    expect(isIsoCountryCode(code)).toBe(true);
  });

  it.each(['cz', 'CZE', 'C', 'ZZ', 'XK', 'EU', 'UN', 'QQ', 'AA', '12', ''])('refuses %j (not an assigned alpha-2 code in upper case)', (code) => {
    expect(isIsoCountryCode(code)).toBe(false);
  });

  it('names the country', () => {
    expect(countryName('CZ')).toBe('Czechia');
    expect(countryName('ZZ')).toBeUndefined();
  });
});
