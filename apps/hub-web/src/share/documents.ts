import { gql } from '../api/graphql';
import type { Organization, SharingGroup, StixObject, SubmitIndicatorInput } from '../api/schema-types';

export const SUBMIT_INDICATOR = gql<{ submitIndicator: Pick<StixObject, 'id'> }, { input: SubmitIndicatorInput }>(
  `mutation SubmitIndicator($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id } }`,
);

export const AUDIENCE_CHOICES = gql<{ organizations: Pick<Organization, 'id' | 'name'>[]; sharingGroups: Pick<SharingGroup, 'id' | 'name'>[] }>(
  `query AudienceChoices { organizations { id name } sharingGroups { id name } }`,
);
