import { Audience, MemberViewer, Tlp } from '@hub/access';

/** What a member asked for when sharing: the marking, who it is for, and whether to stay anonymous. */
export interface Submission {
  viewer: MemberViewer;
  tlp: Tlp;
  audience: Audience;
  anonymous: boolean;
  ip?: string;
}

/** The submitting organisation as the ingestion needs it. */
export interface SubmittingOrganization {
  id: string;
  identityId: string;
  sector: string;
  country: string | null;
}
