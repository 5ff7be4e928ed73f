import { uuidV5 } from '@hub/stix';

// The hub's own namespace for the identities that stand in for anonymous sources.
const PSEUDONYM_NAMESPACE = '6f0e7c8a-4b5d-5e2f-9a1b-3c4d5e6f7a8b';

const SECTOR_WORDS: Record<string, string> = {
  HEALTHCARE_PROVIDER: 'healthcare provider',
  PHARMA: 'pharmaceutical company',
  MEDICAL_DEVICES: 'medical-device maker',
  HEALTH_INSURANCE: 'health insurer',
  PUBLIC_HEALTH: 'public-health body',
  GOVERNMENT: 'government body',
  IT_SUPPLIER: 'IT supplier',
  OTHER: 'member',
};

export interface Pseudonym {
  identityId: string;
  name: string;
  sector: string;
  country: string | null;
}

/**
 * The identity shown instead of an anonymous source: one per sector and country, never finer, so
 * that many members share it and the same one appears for all their anonymous submissions.
 */
export function pseudonymFor(sector: string, country: string | null): Pseudonym {
  return {
    identityId: `identity--${uuidV5(PSEUDONYM_NAMESPACE, `anonymous:${sector}:${country ?? ''}`)}`,
    name: `Anonymous ${SECTOR_WORDS[sector] ?? 'member'}${country ? `, ${country}` : ''}`,
    sector,
    country,
  };
}

