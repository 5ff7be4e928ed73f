import { TestHub } from './test-hub';

export type TlpName = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER_STRICT' | 'RED';

export interface AudienceSpec {
  organizationIds?: string[];
  sharingGroupIds?: string[];
  audiences?: ('PUBLIC_SECTOR' | 'PRIVATE_SECTOR')[];
  userIds?: string[];
}

export interface SubmissionResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: { index: number; stixId: string | null; status: string; errors: { path: string; message: string }[] }[];
}

const SUBMIT_BUNDLE = `mutation Submit($input: SubmitBundleInput!) {
  submitBundle(input: $input) { accepted duplicates rejected results { index stixId status errors { path message } } }
}`;

/** Submits a bundle and fails the test with the GraphQL error text when the call itself fails. */
export async function submitBundle(
  hub: TestHub,
  token: string,
  bundle: Record<string, unknown>,
  tlp: TlpName,
  audience?: AudienceSpec,
  anonymous = false,
): Promise<SubmissionResult> {
  const response = await hub.graphql<{ submitBundle: SubmissionResult }>(SUBMIT_BUNDLE, { input: { bundle, tlp, audience, anonymous } }, token);
  if (response.errors) throw new Error(`submitBundle failed: ${response.text}`);
  return response.data!.submitBundle;
}

export const SUBMIT_BUNDLE_MUTATION = SUBMIT_BUNDLE;
