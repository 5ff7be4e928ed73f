const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

// Intl knows every CLDR region, which includes codes ISO 3166-1 leaves to private use (AA, QM-QZ,
// XA-XZ, ZZ, e.g. XK for Kosovo) and the exceptional reservations EU, EZ and UN, which are not countries.
const NOT_ISO_COUNTRIES = /^(AA|Q[M-Z]|X[A-Z]|ZZ|EU|EZ|UN)$/;

/** True for an assigned ISO 3166-1 alpha-2 country code in upper case, e.g. "CZ". */
export function isIsoCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_ISO_COUNTRIES.test(code) && regionNames.of(code) !== undefined;
}

export function countryName(code: string): string | undefined {
  return isIsoCountryCode(code) ? regionNames.of(code) : undefined;
}
