import { Audience, MemberViewer, Tlp } from '@hub/access';
import { Pseudonym } from '../anonymity/pseudonym';

/** What a member asked for when sharing: the marking, who it is for, and whether to stay anonymous. */
export interface Submission {
  viewer: MemberViewer;
  tlp: Tlp;
  audience: Audience;
  /** People named by their sign-in e-mail; the hub adds them to `audience.userIds` before anything else. */
  recipientEmails?: string[];
  anonymous: boolean;
  ip?: string;
}

/** The submitting organisation as the ingestion needs it. */
export interface SubmittingOrganization {
  id: string;
  identityId: string;
  sector: string;
  country: string | null;
  /** For an anonymous submission: the pseudonym its new objects are shared under. */
  pseudonym: Pseudonym | null;
}
