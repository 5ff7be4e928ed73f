import { SECTORS } from '@hub/members';
import { isHubPseudonym, pseudonymFor, pseudonymGroupOf, SECTOR_WORDS } from './pseudonym';

describe('pseudonymFor', () => {
  it('is the same identity for every member of a sector and country', () => {
    expect(pseudonymFor('PHARMA', 'FR')).toEqual(pseudonymFor('PHARMA', 'FR'));
    expect(pseudonymFor('PHARMA', 'FR').identityId).toMatch(/^identity--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs between sectors, between countries, and for the coarser groups', () => {
    const ids = new Set(
      [pseudonymFor('PHARMA', 'FR'), pseudonymFor('PHARMA', 'DE'), pseudonymFor('HEALTHCARE_PROVIDER', 'FR'), pseudonymFor('PHARMA', null), pseudonymFor(null, null)].map(
        (p) => p.identityId,
      ),
    );
    expect(ids.size).toBe(5);
  });

  it('names the group and nothing finer', () => {
    expect(pseudonymFor('HEALTHCARE_PROVIDER', 'CZ').name).toBe('Anonymous healthcare provider, CZ');
    expect(pseudonymFor('HEALTHCARE_PROVIDER', null).name).toBe('Anonymous healthcare provider');
    expect(pseudonymFor(null, null)).toMatchObject({ name: 'Anonymous member', sector: null, country: null });
  });

  it('has words for every sector an organisation can have', () => {
    expect(Object.keys(SECTOR_WORDS).sort()).toEqual([...SECTORS].sort());
  });
});

describe('pseudonymGroupOf', () => {
  const pharmaFr = { sector: 'PHARMA', country: 'FR' };

  it('names sector and country when at least k members share them', () => {
    expect(pseudonymGroupOf(pharmaFr, { sectorAndCountry: 3, sector: 5, members: 40 }, 3)).toEqual({ sector: 'PHARMA', country: 'FR' });
  });

  it('falls back to the sector, then to every member, never describing fewer than k', () => {
    expect(pseudonymGroupOf(pharmaFr, { sectorAndCountry: 2, sector: 3, members: 40 }, 3)).toEqual({ sector: 'PHARMA', country: null });
    expect(pseudonymGroupOf(pharmaFr, { sectorAndCountry: 1, sector: 2, members: 40 }, 3)).toEqual({ sector: null, country: null });
    expect(pseudonymGroupOf(pharmaFr, { sectorAndCountry: 4, sector: 4, members: 40 }, 5)).toEqual({ sector: null, country: null });
  });
});

describe('isHubPseudonym', () => {
  it('recognises every pseudonym the hub can issue, and nothing else', () => {
    expect(isHubPseudonym(pseudonymFor('PHARMA', 'FR').identityId)).toBe(true);
    expect(isHubPseudonym(pseudonymFor('OTHER', 'ZZ').identityId)).toBe(true);
    expect(isHubPseudonym(pseudonymFor('IT_SUPPLIER', null).identityId)).toBe(true);
    expect(isHubPseudonym(pseudonymFor(null, null).identityId)).toBe(true);
    expect(isHubPseudonym('identity--0b4b1c3e-8a1d-4e5f-9a2b-3c4d5e6f7a8b')).toBe(false);
  });
});
