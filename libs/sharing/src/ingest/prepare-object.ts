import { audienceIssues, readerTokens, stricterTlp, tlpLabel } from '@hub/access';
import { observablesFromPattern, observablesFromSco, tlpMarkingRef, tlpOfObject, TLP_MARKING_IDS } from '@hub/stix';
import { isHubPseudonym, Pseudonym } from '../anonymity/pseudonym';
import { PreparedObject, PreparedObservable } from '../store/prepared-object';
import { requiredRefsOf } from '../store/required-references';
import { Submission, SubmittingOrganization } from './submission';

export type Preparation = { ok: true; object: PreparedObject } | { ok: false; path: string; message: string };

const IP_TYPES = new Set(['ipv4-addr', 'ipv6-addr']);
/** How far ahead of the hub's clock a version's `modified` may be (clocks differ; versions are not post-dated). */
const MAX_CLOCK_AHEAD_MS = 86_400_000;

/** Why an API key may not share RED: the submission's marking and an object's own are refused alike. */
export const RED_BY_KEY_MESSAGE = 'TLP RED is shared person to person: submit it while logged in, not with an API key';

/**
 * Turns one valid STIX object into what is stored: its effective marking (the stricter of the
 * submission's and its own), the TLP 2.0 marking reference, its attribution (the source's identity
 * or, for an anonymous submission, `pseudonym`), the access tokens and the indexed columns.
 * `memberIdentityIds` are the identities of the member organisations: no one may claim another
 * member's identity, or a pseudonym of the hub, as the creator of what they submit.
 */
export function prepareObject(
  index: number,
  stix: Record<string, unknown>,
  submission: Submission,
  organization: SubmittingOrganization,
  memberIdentityIds: ReadonlySet<string>,
  pseudonym: Pseudonym | null,
): Preparation {
  const ownTlp = tlpOfObject(stix);
  const tlp = ownTlp ? stricterTlp(submission.tlp, ownTlp) : submission.tlp;
  // An object's own RED marking would raise it past what a key may share, however the submission is marked.
  if (submission.viewer.kind === 'key' && tlp === 'RED') return { ok: false, path: 'object_marking_refs', message: RED_BY_KEY_MESSAGE };
  const audienceIssue = audienceIssues(tlp, submission.audience)[0];
  if (audienceIssue) {
    const why = tlp === submission.tlp ? '' : ` (the object is marked ${tlpLabel(tlp)}, stricter than the submission's ${tlpLabel(submission.tlp)})`;
    return { ok: false, path: 'object_marking_refs', message: `${audienceIssue.message}${why}` };
  }
  const attributionIssue = attributionIssueOf(stix, submission.anonymous, organization, memberIdentityIds, pseudonym);
  if (attributionIssue) return { ok: false, ...attributionIssue };
  // Decided before anything stored is looked at. A version dated at the end of time left no later
  // time for a revocation's copies: storing it failed or not depending on whether a version the
  // submitter may not read needed a copy (an oracle), and the object could never be revoked.
  if (typeof stix.modified === 'string' && Date.parse(stix.modified) > Date.now() + MAX_CLOCK_AHEAD_MS) {
    return { ok: false, path: 'modified', message: "is more than a day ahead of the hub's clock; a version is dated when it is made" };
  }

  const stored: Record<string, unknown> = { ...stix };
  const otherMarkings = Array.isArray(stix.object_marking_refs) ? (stix.object_marking_refs as string[]).filter((ref) => !TLP_MARKING_IDS.has(ref)) : [];
  stored.object_marking_refs = [tlpMarkingRef(tlp), ...otherMarkings];

  const versioned = typeof stix.modified === 'string';
  if (submission.anonymous && pseudonym) {
    replaceReferences(stored, organization.identityId, pseudonym.identityId);
    if (versioned) stored.created_by_ref = pseudonym.identityId;
  } else if (versioned) {
    stored.created_by_ref = stix.created_by_ref ?? organization.identityId;
  }

  const type = String(stix.type);
  return {
    ok: true,
    object: {
      index,
      id: String(stix.id),
      type,
      specVersion: typeof stix.spec_version === 'string' ? stix.spec_version : '2.1',
      created: typeof stix.created === 'string' ? stix.created : undefined,
      modified: versioned ? (stix.modified as string) : undefined,
      revoked: stix.revoked === true,
      tlp,
      readers: readerTokens({ tlp, sourceOrganizationId: organization.id, submittedByUserId: submission.viewer.userId, audience: submission.audience }),
      audience: submission.audience,
      sourceOrganizationId: organization.id,
      submittedByUserId: submission.viewer.userId,
      submitter: submission.viewer,
      anonymous: submission.anonymous,
      pseudonym: submission.anonymous && pseudonym ? { sector: pseudonym.sector, country: pseudonym.country } : null,
      validFrom: type === 'indicator' ? (stix.valid_from as string) : undefined,
      validUntil: type === 'indicator' && typeof stix.valid_until === 'string' ? stix.valid_until : undefined,
      name: typeof stix.name === 'string' ? stix.name : undefined,
      labels: stringList(stix.labels),
      indicatorTypes: stringList(stix.indicator_types),
      requiredRefs: requiredRefsOf(stix),
      stix: stored,
      observables: observablesOf(type, stix),
      // Anonymous submissions re-attribute to a pseudonym, so their content is never the stored one's.
      thirdParty: versioned && !submission.anonymous && typeof stix.created_by_ref === 'string' && stix.created_by_ref !== organization.identityId,
    },
  };
}

/**
 * Who an object says made it. Another member's identity, or a pseudonym of the hub (which stands
 * for a group of anonymous members), may not be claimed, whatever the object's type; an anonymous
 * submission may only name the pseudonym it is shared under. Nor may an object take the id of a
 * member's identity or of a pseudonym (an identity object that would describe them).
 */
function attributionIssueOf(
  stix: Record<string, unknown>,
  anonymous: boolean,
  organization: SubmittingOrganization,
  memberIdentityIds: ReadonlySet<string>,
  pseudonym: Pseudonym | null,
): { path: string; message: string } | undefined {
  const id = String(stix.id);
  if (anonymous && id === organization.identityId) {
    return { path: 'id', message: "an anonymous submission cannot contain your organisation's own identity" };
  }
  if (id !== organization.identityId && (memberIdentityIds.has(id) || isHubPseudonym(id))) {
    return { path: 'id', message: 'is the identity of a member organisation or a pseudonym of the hub; only the hub describes those' };
  }
  const claimed = stix.created_by_ref;
  if (typeof claimed !== 'string' || claimed === organization.identityId) return undefined;
  if (memberIdentityIds.has(claimed)) {
    return { path: 'created_by_ref', message: 'names another member organisation as the creator; only that organisation can share as itself' };
  }
  if (isHubPseudonym(claimed) && !(anonymous && claimed === pseudonym?.identityId)) {
    return anonymous
      ? { path: 'created_by_ref', message: `names another pseudonym of the hub; this object is shared as "${pseudonym?.name}"` }
      : { path: 'created_by_ref', message: 'names a pseudonym of the hub, which stands for anonymous members; submit anonymously (anonymous: true) to share without your name' };
  }
  return undefined;
}

function observablesOf(type: string, stix: Record<string, unknown>): PreparedObservable[] {
  const found =
    type === 'indicator' && stix.pattern_type === 'stix' && typeof stix.pattern === 'string'
      ? observablesFromPattern(stix.pattern)
      : observablesFromSco(stix);
  const unique = new Map<string, PreparedObservable>();
  for (const { type: observableType, value } of found) {
    unique.set(`${observableType}\u0000${value}`, { type: observableType, value, address: IP_TYPES.has(observableType) ? value : undefined });
  }
  return [...unique.values()];
}

/**
 * An anonymous source's identity must appear nowhere in what others read: not in a top-level
 * reference (a sighting's where_sighted_refs), nor at any depth (an extension's or custom
 * property's reference, a list of objects), so every string that is exactly its id is replaced.
 * Validation has bounded the nesting depth already.
 */
function replaceReferences(stix: Record<string, unknown>, identityId: string, pseudonymId: string): void {
  const replaced = (value: unknown): unknown => {
    if (value === identityId) return pseudonymId;
    if (Array.isArray(value)) return value.map(replaced);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replaced(inner)]));
    return value;
  };
  for (const [property, value] of Object.entries(stix)) {
    if (property !== 'id') stix[property] = replaced(value);
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
