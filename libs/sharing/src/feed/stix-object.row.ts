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
  source_sector: string;
  source_country: string | null;
  audience: Record<string, string[]> | null;
  /** The viewer, a person, submitted this version: references in it are shown as submitted. */
  own_submission: boolean;
}
