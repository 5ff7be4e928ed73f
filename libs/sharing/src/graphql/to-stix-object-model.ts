import { tlpFromRank } from '@hub/access';
import { pseudonymFor } from '../anonymity/pseudonym';
import { StixObjectRow } from '../feed/stix-object.row';
import { BuiltInAudienceValue, TlpLevel } from './dto/sharing.enums';
import { ObjectSource, StixObjectModel } from './dto/stix-object.types';

export function toStixObjectModel(row: StixObjectRow): StixObjectModel {
  return {
    id: row.id,
    type: row.type,
    specVersion: row.spec_version,
    created: row.created,
    modified: row.modified,
    revoked: row.revoked,
    tlp: tlpFromRank(row.tlp) as TlpLevel,
    dateAdded: row.date_added,
    labels: row.labels,
    source: sourceOf(row),
    audience: row.audience
      ? {
          organizationIds: row.audience.organizationIds ?? [],
          sharingGroupIds: row.audience.sharingGroupIds ?? [],
          audiences: (row.audience.audiences ?? []) as BuiltInAudienceValue[],
          userIds: row.audience.userIds ?? [],
        }
      : null,
    stix: row.stix,
    pk: row.pk,
  };
}

/**
 * The query already withheld the real source of anonymous rows from outsiders; here it becomes the
 * pseudonym fixed at submission.
 */
function sourceOf(row: StixObjectRow): ObjectSource {
  const pseudonym = row.anonymous ? pseudonymFor(row.pseudonym_sector, row.pseudonym_country) : null;
  if (row.source_org_id === null || row.source_name === null || row.source_identity_id === null) {
    const shown = pseudonym ?? pseudonymFor(null, null);
    return { organizationId: null, name: shown.name, kind: null, sector: shown.sector, country: shown.country, identityId: shown.identityId, anonymous: true, pseudonym: shown };
  }
  return {
    organizationId: row.source_org_id,
    name: row.source_name,
    kind: row.source_kind,
    sector: row.source_sector,
    country: row.source_country,
    identityId: row.source_identity_id,
    anonymous: row.anonymous,
    pseudonym,
  };
}
