import { localTimeToIso, sightingFields } from './sighting-form';

const ID = 'indicator--0b1c2d3e-0000-4000-8000-000000000001';

describe('sighting form', () => {
  it('sends a time as UTC and leaves an empty one out', () => {
    expect(localTimeToIso('2026-03-01T10:15')).toBe(new Date('2026-03-01T10:15').toISOString());
    expect(localTimeToIso('')).toBeUndefined();
    expect(localTimeToIso('not a time')).toBeUndefined();
  });

  it('gives the fields of a good form', () => {
    expect(sightingFields({ sightingOfRef: ` ${ID} `, count: '3', firstSeen: '', lastSeen: '' })).toEqual({ fields: { sightingOfRef: ID, count: 3 }, problems: {} });
  });

  it('names each field it cannot send', () => {
    const { problems } = sightingFields({ sightingOfRef: 'evil.example', count: '0', firstSeen: '2026-03-02T00:00', lastSeen: '2026-03-01T00:00' });
    expect(Object.keys(problems).sort()).toEqual(['count', 'lastSeen', 'sightingOfRef']);
    expect(sightingFields({ sightingOfRef: ID, count: '1.5', firstSeen: '', lastSeen: '' }).problems).toEqual({ count: 'A whole number from 1 to 999,999,999' });
  });
});
