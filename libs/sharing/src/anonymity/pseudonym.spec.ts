import { pseudonymFor } from './pseudonym';

describe('pseudonymFor', () => {
  it('is the same identity for every member of a sector and country', () => {
    expect(pseudonymFor('PHARMA', 'FR')).toEqual(pseudonymFor('PHARMA', 'FR'));
    expect(pseudonymFor('PHARMA', 'FR').identityId).toMatch(/^identity--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs between sectors and between countries', () => {
    const ids = new Set([pseudonymFor('PHARMA', 'FR'), pseudonymFor('PHARMA', 'DE'), pseudonymFor('HEALTHCARE_PROVIDER', 'FR')].map((p) => p.identityId));
    expect(ids.size).toBe(3);
  });

  it('names the sector and country, nothing finer', () => {
    expect(pseudonymFor('HEALTHCARE_PROVIDER', 'CZ').name).toBe('Anonymous healthcare provider, CZ');
  });
});
