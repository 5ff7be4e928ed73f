import { Audience, builtInAudienceOf } from './audience';
import { Tlp, tlpNeedsAudience } from './tlp';
import { Viewer } from './viewer';

/*
 * Access is a set intersection. Each stored object keeps the tokens of those who may read it
 * (`readers`); each viewer has the tokens of what it is. An AMBER object is readable when the two
 * sets meet. Tokens are plain strings so one GIN index answers the question for every kind of
 * recipient, and so a later change of group membership or organisation kind applies at once.
 */
const orgToken = (id: string) => `org:${id}`;
const groupToken = (id: string) => `group:${id}`;
const userToken = (id: string) => `user:${id}`;
const audienceToken = (audience: string) => `audience:${audience}`;

export interface ReaderInput {
  tlp: Tlp;
  sourceOrganizationId: string;
  submittedByUserId: string;
  audience: Audience;
}

/** The tokens stored with an object. CLEAR and GREEN need none; RED holds people only. */
export function readerTokens({ tlp, sourceOrganizationId, submittedByUserId, audience }: ReaderInput): string[] {
  if (!tlpNeedsAudience(tlp)) return [];
  const people = [submittedByUserId, ...audience.userIds].map(userToken);
  if (tlp === 'RED') return unique(people);
  return unique([
    orgToken(sourceOrganizationId),
    ...audience.organizationIds.map(orgToken),
    ...audience.sharingGroupIds.map(groupToken),
    ...audience.audiences.map(audienceToken),
    ...people,
  ]);
}

/**
 * What a viewer is. A key stands for its organisation, never for the person who made it: RED and
 * objects shared with named people stay out of reach of scripts, SIEMs and TAXII clients.
 */
export function viewerTokens(viewer: Viewer): string[] {
  if (viewer.kind === 'anonymous') return [];
  const tokens = [orgToken(viewer.organizationId), ...viewer.sharingGroupIds.map(groupToken)];
  if (!viewer.operator) tokens.push(audienceToken(builtInAudienceOf(viewer.organizationKind)));
  if (viewer.kind === 'user') tokens.push(userToken(viewer.userId));
  return tokens;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
