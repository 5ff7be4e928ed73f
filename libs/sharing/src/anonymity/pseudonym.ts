import { uuidV5 } from '@hub/stix';

// The hub's own namespace for the identities that stand in for anonymous sources.
const PSEUDONYM_NAMESPACE = '6f0e7c8a-4b5d-5e2f-9a1b-3c4d5e6f7a8b';

export const SECTOR_WORDS: Record<string, string> = {
  HEALTHCARE_PROVIDER: 'healthcare provider',
  PHARMA: 'pharmaceutical company',
  MEDICAL_DEVICES: 'medical-device maker',
  HEALTH_INSURANCE: 'health insurer',
  PUBLIC_HEALTH: 'public-health body',
  GOVERNMENT: 'government body',
  IT_SUPPLIER: 'IT supplier',
  OTHER: 'member',
};

/**
 * A group of member organisations an anonymous source hides in: its sector and country, its
 * sector alone, or every member (both null). Stored with each anonymous object version.
 */
export interface PseudonymGroup {
  sector: string | null;
  country: string | null;
}

export interface Pseudonym extends PseudonymGroup {
  identityId: string;
  name: string;
}

/** How many active member organisations are in each group the source could hide in. */
export interface GroupSizes {
  sectorAndCountry: number;
  sector: number;
  members: number;
}

/**
 * The identity shown instead of an anonymous source: one per group, the same for every member of
 * it. (The id of a sector-and-country pseudonym is the one the hub has always used for it.)
 */
export function pseudonymFor(sector: string | null, country: string | null): Pseudonym {
  const who = sector === null ? 'member' : (SECTOR_WORDS[sector] ?? 'member');
  return {
    identityId: `identity--${uuidV5(PSEUDONYM_NAMESPACE, `anonymous:${sector ?? ''}:${country ?? ''}`)}`,
    name: `Anonymous ${who}${country ? `, ${country}` : ''}`,
    sector,
    country,
  };
}

/**
 * The finest group that holds at least `k` member organisations: sector and country, else the
 * sector, else every member. A pseudonym that describes fewer would let anyone who can list the
 * organisations of a sector and country (every member can) name the source.
 */
export function pseudonymGroupOf(organization: { sector: string; country: string | null }, sizes: GroupSizes, k: number): PseudonymGroup {
  if (organization.country !== null && sizes.sectorAndCountry >= k) return { sector: organization.sector, country: organization.country };
  if (sizes.sector >= k) return { sector: organization.sector, country: null };
  return { sector: null, country: null };
}

let knownPseudonymIds: Set<string> | undefined;

/**
 * Whether an identity id is one of the hub's pseudonyms (any sector, any two-letter country, or
 * none): nobody may claim one as the creator of something shared under their name.
 */
export function isHubPseudonym(identityId: string): boolean {
  // Pseudonyms are UUID v5 (name-based); most identities are not, and need not build the set.
  if (identityId[24] !== '5' || !identityId.startsWith('identity--')) return false;
  if (!knownPseudonymIds) {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const countries: (string | null)[] = [null, ...[...letters].flatMap((first) => [...letters].map((second) => first + second))];
    const sectors: (string | null)[] = [null, ...Object.keys(SECTOR_WORDS)];
    knownPseudonymIds = new Set(sectors.flatMap((sector) => countries.map((country) => pseudonymFor(sector, country).identityId)));
  }
  return knownPseudonymIds.has(identityId);
}
