import { HubError } from '@hub/platform';
import { createOrganizationSchema } from '../organizations/dto/organization.inputs';
import { parseId, parseInput, parsePageSize } from './input-validation';

describe('input validation', () => {
  it('lists every problem with its path', () => {
    const error = (() => {
      try {
        parseInput(createOrganizationSchema, { name: ' ', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'Czechia' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [
        { path: 'name', message: 'must have at least 2 characters' },
        { path: 'country', message: 'must be an ISO 3166-1 alpha-2 country code, e.g. CZ' },
      ],
    });
  });

  it('normalises what it accepts', () => {
    expect(parseInput(createOrganizationSchema, { name: '  Nemocnice  ', kind: 'PRIVATE', sector: 'PHARMA', country: 'cz' })).toEqual({
      name: 'Nemocnice',
      kind: 'PRIVATE',
      sector: 'PHARMA',
      country: 'CZ',
      // Not given: the organisation has no size (optional, for care-impact figures by size).
      size: null,
    });
  });

  it('refuses malformed ids and page sizes before they reach the database', () => {
    expect(() => parseId('42')).toThrow(expect.objectContaining({ issues: [{ path: 'id', message: 'must be an id returned by the hub' }] }));
    expect(parsePageSize(undefined)).toBe(50);
    expect(() => parsePageSize(0)).toThrow(HubError);
    expect(() => parsePageSize(1000)).toThrow(HubError);
  });
});
