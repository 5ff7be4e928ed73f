import { OrganizationKind } from './viewer';
import { Tlp, tlpNeedsAudience } from './tlp';

export type BuiltInAudience = 'PUBLIC_SECTOR' | 'PRIVATE_SECTOR';

/** Who a submission is shared with (people named by e-mail are already resolved to their ids). */
export interface Audience {
  organizationIds: string[];
  sharingGroupIds: string[];
  audiences: BuiltInAudience[];
  userIds: string[];
}

export const EMPTY_AUDIENCE: Audience = { organizationIds: [], sharingGroupIds: [], audiences: [], userIds: [] };

export interface AudienceIssue {
  path: string;
  message: string;
}

export function isEmptyAudience(audience: Audience): boolean {
  return !audience.organizationIds.length && !audience.sharingGroupIds.length && !audience.audiences.length && !audience.userIds.length;
}

/**
 * Checks that the audience fits the marking, so nothing is widened or narrowed silently:
 * AMBER and stricter need someone named; RED is for named people only; CLEAR and GREEN go to
 * everyone they allow, so naming an audience there would mislead the submitter.
 */
export function audienceIssues(tlp: Tlp, audience: Audience): AudienceIssue[] {
  const empty = isEmptyAudience(audience);
  if (tlpNeedsAudience(tlp) && empty) {
    return [{ path: 'audience', message: `TLP ${tlpLabel(tlp)} needs an explicit audience (organizationIds, sharingGroupIds, audiences, userIds or recipientEmails)` }];
  }
  if (tlp === 'RED' && (audience.organizationIds.length || audience.sharingGroupIds.length || audience.audiences.length)) {
    return [{ path: 'audience', message: 'TLP RED is shared with named people only: use audience.recipientEmails or audience.userIds, not organisations, sharing groups or built-in audiences' }];
  }
  if (!tlpNeedsAudience(tlp) && !empty) {
    return [{ path: 'audience', message: `TLP ${tlpLabel(tlp)} is shared with every ${tlp === 'CLEAR' ? 'reader' : 'member'}; an audience applies only to AMBER, AMBER+STRICT and RED` }];
  }
  return [];
}

export function tlpLabel(tlp: Tlp): string {
  return tlp === 'AMBER_STRICT' ? 'AMBER+STRICT' : tlp;
}

export function builtInAudienceOf(kind: OrganizationKind): BuiltInAudience {
  return kind === 'PUBLIC' ? 'PUBLIC_SECTOR' : 'PRIVATE_SECTOR';
}
