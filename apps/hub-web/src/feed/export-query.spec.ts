import { EMPTY_FILTER } from './feed-filter';
import { exportFileName, exportRequest } from './export-query';

describe('the export of a filtered feed', () => {
  it('carries the types, labels and days received, with until including its whole day as in the feed', () => {
    const request = exportRequest(
      { ...EMPTY_FILTER, types: 'indicator, ipv4-addr', labels: 'ransomware', since: '2026-11-01', until: '2026-11-30' },
      { format: 'text', maxTlp: 'AMBER', excludeWarned: true },
    );
    expect(request).toEqual({ path: '/export/text?types=indicator%2Cipv4-addr&labels=ransomware&since=2026-11-01&until=2026-12-01&maxTlp=AMBER&excludeWarned=true', notCarried: [] });
  });

  it('asks for everything readable when nothing is filtered, and names the feed filters the export does not take', () => {
    expect(exportRequest(EMPTY_FILTER, { format: 'stix', maxTlp: '', excludeWarned: false })).toEqual({ path: '/export/stix', notCarried: [] });
    const request = exportRequest({ ...EMPTY_FILTER, search: 'qakbot', tlp: ['GREEN'], sourceOrganizationId: 'x', sector: 'PHARMA' }, { format: 'rpz', maxTlp: '', excludeWarned: false });
    expect(request.path).toBe('/export/rpz');
    expect(request.notCarried).toEqual(['the text search', 'the TLP boxes (choose a widest TLP here)', 'the source organisation', 'the source sector']);
  });

  it('names the file as the hub does, or after the format', () => {
    expect(exportFileName('attachment; filename="hub-export-20261207T010203Z.rules"', 'suricata')).toBe('hub-export-20261207T010203Z.rules');
    expect(exportFileName(null, 'rpz')).toBe('hub-export.zone');
    expect(exportFileName('attachment; filename="../evil"', 'csv')).toBe('hub-export.csv');
  });
});
