import { createOrganizationSchema, updateOrganizationSchema } from './organization.inputs';

describe('organisation size in the inputs', () => {
  const base = { name: 'Saint Anne Hospital', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'cz' };

  it('is optional when creating: absent is stored as null', () => {
    expect(createOrganizationSchema.parse(base)).toEqual({ ...base, country: 'CZ', size: null });
    expect(createOrganizationSchema.parse({ ...base, size: 'MEDIUM' })).toEqual({ ...base, country: 'CZ', size: 'MEDIUM' });
  });

  it('accepts only the four bands, with a message naming them', () => {
    const parsed = createOrganizationSchema.safeParse({ ...base, size: 'HUGE' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([{ path: ['size'], message: 'must be one of MICRO, SMALL, MEDIUM, LARGE' }]);
    expect(updateOrganizationSchema.safeParse({ size: 'small' }).success).toBe(false);
    expect(updateOrganizationSchema.parse({ size: 'LARGE' })).toEqual({ size: 'LARGE' });
  });
});
