import { DIMENSIONS } from './dimensions';

describe('which group keys are free text', () => {
  it.each([
    ['OBJECT_TYPE', 'indicator', false],
    ['OBJECT_TYPE', 'ipv4-addr', false],
    ['OBJECT_TYPE', 'x-acme-incident-ticket', true],
    ['INDICATOR_TYPE', 'malicious-activity', false],
    ['INDICATOR_TYPE', 'operation-bluefin', true],
    ['INDICATOR_TYPE', '(none)', false],
    ['LABEL', 'ransomware', true],
    ['LABEL', '(none)', false],
    ['MALWARE_FAMILY', 'lockbit', true],
    ['SECTOR', 'PHARMA', false],
    ['SOURCE_KIND', 'ANONYMOUS', false],
    ['TLP', 'AMBER', false],
  ] as const)('%s %s: %s', (groupBy, key, freeText) => {
    expect(DIMENSIONS[groupBy].isFreeText(key)).toBe(freeText);
  });
});
