import { randomUUID } from 'node:crypto';
import { STIX_INDUSTRY_SECTORS } from './sector';
import type { Sector } from './sector';

/** The STIX 2.1 identity that stands for a member organisation in every object it shares. */
export interface OrganizationIdentity {
  type: 'identity';
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  name: string;
  identity_class: 'organization';
  sectors?: string[];
}

/** STIX timestamps in UTC with millisecond precision, e.g. 2025-11-22T10:00:00.000Z. */
function stixTimestamp(date: Date): string {
  return date.toISOString();
}

export function buildOrganizationIdentity(fields: { name: string; sector: Sector }, now: Date = new Date()): OrganizationIdentity {
  const timestamp = stixTimestamp(now);
  return {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${randomUUID()}`,
    created: timestamp,
    modified: timestamp,
    name: fields.name,
    identity_class: 'organization',
    ...sectorsOf(fields.sector),
  };
}

/** A new version of the same identity (same id and created, a later modified) after a change of name or sector. */
export function reviseOrganizationIdentity(
  previous: OrganizationIdentity,
  fields: { name: string; sector: Sector },
  now: Date = new Date(),
): OrganizationIdentity {
  // STIX orders versions by `modified`: it must grow even when two changes fall in the same millisecond.
  const earliest = new Date(Date.parse(previous.modified) + 1);
  const { sectors: _previousSectors, ...rest } = previous;
  return {
    ...rest,
    modified: stixTimestamp(now > earliest ? now : earliest),
    name: fields.name,
    ...sectorsOf(fields.sector),
  };
}

function sectorsOf(sector: Sector): { sectors?: string[] } {
  const sectors = STIX_INDUSTRY_SECTORS[sector];
  return sectors.length ? { sectors: [...sectors] } : {};
}
