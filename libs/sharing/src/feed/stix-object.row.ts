/** A stored object as the read queries return it (see objectColumns). */
export interface StixObjectRow {
  pk: string;
  id: string;
  type: string;
  spec_version: string;
  created: Date | null;
  modified: Date | null;
  revoked: boolean;
  tlp: number;
  date_added: Date;
  labels: string[];
  anonymous: boolean;
  stix: Record<string, unknown>;
  own: boolean;
  source_org_id: string | null;
  source_name: string | null;
  source_kind: string | null;
  source_identity_id: string | null;
  /** null with the rest of the source when it is anonymous to the viewer. */
  source_sector: string | null;
  source_country: string | null;
  /** The group an anonymous object's pseudonym names (null parts are not named); null for named objects. */
  pseudonym_sector: string | null;
  pseudonym_country: string | null;
  audience: Record<string, string[]> | null;
  /** The viewer, a person, submitted this version: references in it are shown as submitted. */
  own_submission: boolean;
}

/** What the read audit lists of a row (RestrictedReadAudit). */
export type AuditedObjectRow = Pick<StixObjectRow, 'id' | 'modified' | 'tlp'>;

/**
 * A stored object as a bulk read (an export) gives it: its STIX as JSON text, references the viewer
 * may not follow withheld. `modified` only for AMBER and RED rows (what the read audit lists).
 */
export interface StreamedObjectRow extends AuditedObjectRow {
  json: string;
}
