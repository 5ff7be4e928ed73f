import { benchStixValidation, generateIndicators } from './validate.bench';
import { validateObject } from '../src/objects/validate';

describe('STIX validation benchmark', () => {
  it('generates valid, distinct indicators', () => {
    const indicators = generateIndicators(200);
    expect(new Set(indicators.map((indicator) => indicator.id)).size).toBe(200);
    for (const indicator of indicators) expect(validateObject(indicator).errors).toEqual([]);
  });

  it('reports indicators per second and ATT&CK objects per second', async () => {
    const results = await benchStixValidation({ indicatorCount: 2000 });
    expect(results.map((result) => result.name)).toEqual([
      'stix: validate indicators (with STIX pattern parsing)',
      'stix: validate a large bundle from JSON text',
      'stix: validate ATT&CK bundle ics-attack-18.1.json',
      'stix: validate ATT&CK bundle mobile-attack-17.1.json',
    ]);
    for (const result of results) {
      expect(result.perSecond).toBeGreaterThan(0);
      expect(result.details).not.toMatch(/INVALID|[1-9]\d* (invalid|errors)/);
    }
  });
});
