import { Tlp } from '@hub/access';

/** The feed filters of the API contract, already validated and normalised. */
export interface ObjectFilter {
  types?: string[];
  tlp?: Tlp[];
  since?: Date;
  until?: Date;
  labels?: string[];
  sourceOrganizationId?: string;
  search?: string;
  observable?: { type: string; value: string };
  revoked?: boolean;
}
