import { buildOrganizationIdentity, reviseOrganizationIdentity } from './stix-identity';

describe('the STIX identity of an organisation', () => {
  const now = new Date('2025-11-22T10:00:00.123Z');

  it('is a STIX 2.1 identity with a v4 UUID, millisecond timestamps and STIX industry sectors', () => {
    const identity = buildOrganizationIdentity({ name: 'Fakultní nemocnice', sector: 'MEDICAL_DEVICES' }, now);
    expect(identity).toEqual({
      type: 'identity',
      spec_version: '2.1',
      id: expect.stringMatching(/^identity--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      created: '2025-11-22T10:00:00.123Z',
      modified: '2025-11-22T10:00:00.123Z',
      name: 'Fakultní nemocnice',
      identity_class: 'organization',
      sectors: ['healthcare', 'manufacturing'],
    });
  });

  it('has no sectors property for OTHER (STIX lists must not be empty)', () => {
    expect(buildOrganizationIdentity({ name: 'Hub operator', sector: 'OTHER' }, now)).not.toHaveProperty('sectors');
  });

  it('keeps id and created in a new version, with a later modified', () => {
    const first = buildOrganizationIdentity({ name: 'Old name', sector: 'PHARMA' }, now);
    const revised = reviseOrganizationIdentity(first, { name: 'New name', sector: 'OTHER' }, now);
    expect(revised).toMatchObject({ id: first.id, created: first.created, name: 'New name' });
    expect(revised).not.toHaveProperty('sectors');
    expect(Date.parse(revised.modified)).toBeGreaterThan(Date.parse(first.modified));
  });
});
