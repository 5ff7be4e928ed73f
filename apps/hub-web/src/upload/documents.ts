import { gql } from '../api/graphql';
import type { SubmissionResult, SubmitBundleInput } from '../api/schema-types';
import type { ObjectResultAnswer } from './bundle-file';

// The upload page's document; validated against schema.graphql by documents.spec.ts.

export const SUBMIT_BUNDLE = gql<{ submitBundle: Pick<SubmissionResult, 'accepted' | 'duplicates' | 'rejected'> & { results: ObjectResultAnswer[] } }, { input: SubmitBundleInput }>(
  `mutation SubmitBundle($input: SubmitBundleInput!) {
    submitBundle(input: $input) {
      accepted duplicates rejected
      results { index stixId status errors { path message } warnings { path message } pseudonym { name } }
    }
  }`,
);

export const UPLOAD_DOCUMENTS = { SUBMIT_BUNDLE };
