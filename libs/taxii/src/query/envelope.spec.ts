import { dateAddedHeaders, envelopeOf, manifestOf, TaxiiPage, TaxiiRow, versionOf, versionsOf } from './envelope';
import { CursorSeal } from '@hub/platform';
import { decodePageCursor } from './page-cursor';

const seal = new CursorSeal('a secret of the hub for the tests');

function row(pk: string, dateAdded: string, stix: Record<string, unknown>): TaxiiRow {
  return { pk, id: String(stix.id), date_added_text: dateAdded, stix } as unknown as TaxiiRow;
}

const indicatorV1 = row('11', '2026-12-02T10:00:00.000001Z', { id: 'indicator--1', created: '2026-01-01T00:00:00.000Z', modified: '2026-01-02T00:00:00.000Z' });
const address = row('12', '2026-12-02T10:00:00.000002Z', { id: 'ipv4-addr--2', value: '198.51.100.1' });

describe('TAXII envelopes', () => {
  it('takes modified, else created, else date_added as the version', () => {
    expect(versionOf(indicatorV1)).toBe('2026-01-02T00:00:00.000Z');
    expect(versionOf(row('1', '2026-12-02T10:00:00.000001Z', { id: 'x--1', created: '2025-01-01T00:00:00Z' }))).toBe('2025-01-01T00:00:00Z');
    expect(versionOf(address)).toBe('2026-12-02T10:00:00.000002Z');
  });

  it('gives next only when there is more, pointing after the last row', () => {
    const page: TaxiiPage = { rows: [indicatorV1, address], more: true };
    const envelope = envelopeOf(page, seal);
    expect(envelope.more).toBe(true);
    expect(decodePageCursor(envelope.next!, seal)).toEqual({ dateAdded: address.date_added_text, pk: '12' });
    expect(envelope.objects).toEqual([indicatorV1.stix, address.stix]);
    expect(envelopeOf({ rows: [indicatorV1], more: false }, seal)).toEqual({ more: false, objects: [indicatorV1.stix] });
  });

  it('leaves out the list and the headers of an empty page', () => {
    expect(envelopeOf({ rows: [], more: false }, seal)).toEqual({ more: false });
    expect(dateAddedHeaders({ rows: [], more: false })).toEqual({});
  });

  it('heads a page with the date_added of its first and last object', () => {
    expect(dateAddedHeaders({ rows: [indicatorV1, address], more: false })).toEqual({
      'X-TAXII-Date-Added-First': '2026-12-02T10:00:00.000001Z',
      'X-TAXII-Date-Added-Last': '2026-12-02T10:00:00.000002Z',
    });
  });

  it('shapes manifests and version lists', () => {
    expect(manifestOf({ rows: [indicatorV1], more: false }, seal)).toEqual({
      more: false,
      objects: [{ id: 'indicator--1', date_added: '2026-12-02T10:00:00.000001Z', version: '2026-01-02T00:00:00.000Z', media_type: 'application/stix+json;version=2.1' }],
    });
    expect(versionsOf({ rows: [indicatorV1, address], more: false }, seal)).toEqual({ more: false, versions: ['2026-01-02T00:00:00.000Z', '2026-12-02T10:00:00.000002Z'] });
  });
});
