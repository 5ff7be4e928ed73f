import { parseExportRequest } from './export-query';

describe('parseExportRequest', () => {
  it('reads the filters: lists split on commas, maxTlp up to its level, revoked left out by default', () => {
    const parsed = parseExportRequest('stix', { types: 'indicator,malware', labels: ['a', 'b,c'], maxTlp: 'amber+strict', since: '2026-01-01', until: '2026-02-01T00:00:00Z' });
    expect(parsed).toEqual({
      ok: true,
      request: {
        format: 'stix',
        filter: {
          types: ['indicator', 'malware'],
          labels: ['a', 'b', 'c'],
          tlp: ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT'],
          since: new Date('2026-01-01T00:00:00Z'),
          until: new Date('2026-02-01T00:00:00Z'),
          revoked: false,
        },
      },
    });
  });

  it('includeRevoked=true drops the revoked condition', () => {
    expect(parseExportRequest('stix', { includeRevoked: 'true' })).toEqual({ ok: true, request: { format: 'stix', filter: {} } });
  });

  it('observable formats read indicators and cyber observables only, and pass the observable types on', () => {
    const parsed = parseExportRequest('text', { observableTypes: 'ipv4-addr' });
    expect(parsed.ok && parsed.request.filter.types).toEqual(expect.arrayContaining(['indicator', 'ipv4-addr', 'domain-name', 'file']));
    expect(parsed.ok && parsed.request.filter.types).not.toContain('malware');
    expect(parsed.ok && parsed.request.filter.observableTypes).toEqual(['ipv4-addr']);
    expect(parsed.ok && parsed.request.observableTypes).toEqual(['ipv4-addr']);
  });

  it('reports every problem at once, each naming its parameter', () => {
    const parsed = parseExportRequest('xml', { maxTlp: ['GREEN', 'RED'], since: '2026-13-45', minScore: '101', colour: 'red' });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors.map((error) => error.path).sort()).toEqual(['colour', 'format', 'maxTlp', 'minScore', 'since']);
  });

  it.each(['types', 'observableTypes', 'labels'])('refuses %s given with no value rather than exporting everything', (name) => {
    for (const value of ['', ' , ', ['', '']]) {
      const parsed = parseExportRequest('text', { [name]: value });
      expect(!parsed.ok && parsed.errors).toEqual([{ path: name, message: `${name} is empty; name at least one value, or leave ${name} out` }]);
    }
  });

  it('refuses a control character in any parameter, before anything is read', () => {
    const parsed = parseExportRequest('stix', { labels: 'a\u0000b', since: ['2026-01-01\n'] });
    expect(!parsed.ok && parsed.errors.filter((error) => /control character/.test(error.message)).map((error) => error.path)).toEqual(['labels', 'since']);
  });

  it('passes a minimum score and the decayed choice on, and refuses a score outside 0-100', () => {
    const parsed = parseExportRequest('stix', { minScore: '40', excludeDecayed: 'true' });
    expect(parsed.ok && parsed.request.filter).toEqual({ revoked: false, minScore: 40, excludeDecayed: true });
    expect(parseExportRequest('stix', { minScore: 'high' })).toEqual({ ok: false, errors: [{ path: 'minScore', message: 'minScore must be an integer from 0 to 100 (got "high")' }] });
    expect(parseExportRequest('stix', { minScore: '101' })).toEqual({ ok: false, errors: [{ path: 'minScore', message: 'minScore must be an integer from 0 to 100 (got 101)' }] });
  });

  it('refuses a time without a zone and a date that does not exist', () => {
    for (const since of ['2026-01-01T12:00:00', '2026-02-30', '1 Jan 2026']) {
      expect(parseExportRequest('stix', { since })).toMatchObject({ ok: false, errors: [{ path: 'since' }] });
    }
  });
});
