import { acceptsTaxii, isTaxiiContentType } from './media-type';

describe('TAXII media types', () => {
  it.each([
    ['application/taxii+json;version=2.1'],
    ['application/taxii+json; version=2.1'],
    ['application/taxii+json'],
    ['text/html, application/taxii+json;version=2.1;q=0.5'],
    ['*/*'],
    ['application/*'],
    [undefined],
    [''],
  ])('accepts %p', (accept) => {
    expect(acceptsTaxii(accept)).toBe(true);
  });

  it.each([['application/json'], ['application/taxii+json;version=2.0'], ['text/html'], ['application/taxii+json;version=2.1;q=0'], ['application/stix+json;version=2.1']])(
    'refuses %p',
    (accept) => {
      expect(acceptsTaxii(accept)).toBe(false);
    },
  );

  it('takes a TAXII 2.1 body, with or without the version, and nothing else', () => {
    expect(isTaxiiContentType('application/taxii+json;version=2.1')).toBe(true);
    expect(isTaxiiContentType('Application/TAXII+json; version="2.1"; charset=utf-8')).toBe(true);
    expect(isTaxiiContentType('application/taxii+json')).toBe(true);
    expect(isTaxiiContentType('application/json')).toBe(false);
    expect(isTaxiiContentType('application/taxii+json;version=2.0')).toBe(false);
    expect(isTaxiiContentType(undefined)).toBe(false);
  });
});
