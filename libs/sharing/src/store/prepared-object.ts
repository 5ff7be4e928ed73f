import { Audience, MemberViewer, Tlp } from '@hub/access';
import { PseudonymGroup } from '../anonymity/pseudonym';

export interface PreparedObservable {
  type: string;
  value: string;
  /** Set for IP addresses and networks, so a look-up can match a containing network. */
  address?: string;
}

/** One STIX object ready to be stored: validated, marked, attributed, with its indexed columns. */
export interface PreparedObject {
  /** Position in the submitted bundle, to report the outcome at the right place. */
  index: number;
  id: string;
  type: string;
  specVersion: string;
  created?: string;
  modified?: string;
  revoked: boolean;
  tlp: Tlp;
  readers: string[];
  audience: Audience;
  sourceOrganizationId: string;
  submittedByUserId: string;
  /** Who submits it (a person or a key): what another organisation stored is compared only where they may read it. */
  submitter: MemberViewer;
  anonymous: boolean;
  /** For an anonymous object: the group its pseudonym names, fixed when the object was first submitted. */
  pseudonym: PseudonymGroup | null;
  validFrom?: string;
  validUntil?: string;
  name?: string;
  labels: string[];
  indicatorTypes: string[];
  requiredRefs: string[];
  stix: Record<string, unknown>;
  observables: PreparedObservable[];
  /**
   * Authored by a third party (its `created_by_ref` names neither the submitting organisation nor a
   * pseudonym of the hub): ATT&CK, a vendor's advisory. Such an object another member already shared
   * is a duplicate when its content is identical, not a version only its first sharer may add.
   */
  thirdParty: boolean;
}

/** FAILED: no transaction holding the object committed (REJECTED: one did, and refused it). */
export type StoreOutcome =
  /** `revocationCopies`: a submitted revoked version completed for the reaches it did not cover (see versionsToRevoke). */
  | { status: 'STORED'; pk: string; revocationCopies?: string[] }
  | { status: 'DUPLICATE' }
  /** `thirdParty`: a third party's object another organisation shared first (a conflict, or an id the submitter cannot read). */
  | { status: 'REJECTED'; path: string; message: string; thirdParty?: boolean }
  | { status: 'FAILED'; path: string; message: string };
