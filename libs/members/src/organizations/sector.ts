export const SECTORS = [
  'HEALTHCARE_PROVIDER',
  'PHARMA',
  'MEDICAL_DEVICES',
  'HEALTH_INSURANCE',
  'PUBLIC_HEALTH',
  'GOVERNMENT',
  'IT_SUPPLIER',
  'OTHER',
] as const;

export type Sector = (typeof SECTORS)[number];

/**
 * Our sectors in the STIX 2.1 industry-sector-ov vocabulary, for the `sectors` of an organisation's
 * identity. OTHER has no STIX counterpart, so that identity carries no `sectors` (STIX forbids empty lists).
 */
export const STIX_INDUSTRY_SECTORS: Record<Sector, string[]> = {
  HEALTHCARE_PROVIDER: ['healthcare'],
  PHARMA: ['pharmaceuticals'],
  MEDICAL_DEVICES: ['healthcare', 'manufacturing'],
  HEALTH_INSURANCE: ['healthcare', 'insurance'],
  PUBLIC_HEALTH: ['healthcare', 'government-public-services'],
  GOVERNMENT: ['government'],
  IT_SUPPLIER: ['technology'],
  OTHER: [],
};
