import { audienceIssues, readerTokens, stricterTlp, tlpLabel } from '@hub/access';
import { observablesFromPattern, observablesFromSco, tlpMarkingRef, tlpOfObject, TLP_MARKING_IDS } from '@hub/stix';
import { pseudonymFor } from '../anonymity/pseudonym';
import { PreparedObject, PreparedObservable } from '../store/prepared-object';
import { requiredRefsOf } from '../store/required-references';
import { Submission, SubmittingOrganization } from './submission';

export type Preparation = { ok: true; object: PreparedObject } | { ok: false; path: string; message: string };

const IP_TYPES = new Set(['ipv4-addr', 'ipv6-addr']);

/**
 * Turns one valid STIX object into what is stored: its effective marking (the stricter of the
 * submission's and its own), the TLP 2.0 marking reference, its attribution (the source's identity
 * or, for an anonymous submission, the pseudonym of its sector and country), the access tokens and
 * the indexed columns. `memberIdentityIds` are the identities of other members, which no one may
 * claim as the creator of what they submit.
 */
export function prepareObject(
  index: number,
  stix: Record<string, unknown>,
  submission: Submission,
  organization: SubmittingOrganization,
  memberIdentityIds: ReadonlySet<string>,
): Preparation {
  const ownTlp = tlpOfObject(stix);
  const tlp = ownTlp ? stricterTlp(submission.tlp, ownTlp) : submission.tlp;
  const audienceIssue = audienceIssues(tlp, submission.audience)[0];
  if (audienceIssue) {
    const why = tlp === submission.tlp ? '' : ` (the object is marked ${tlpLabel(tlp)}, stricter than the submission's ${tlpLabel(submission.tlp)})`;
    return { ok: false, path: 'object_marking_refs', message: `${audienceIssue.message}${why}` };
  }

  const stored: Record<string, unknown> = { ...stix };
  const otherMarkings = Array.isArray(stix.object_marking_refs) ? (stix.object_marking_refs as string[]).filter((ref) => !TLP_MARKING_IDS.has(ref)) : [];
  stored.object_marking_refs = [tlpMarkingRef(tlp), ...otherMarkings];

  const versioned = typeof stix.modified === 'string';
  if (submission.anonymous) {
    if (stix.id === organization.identityId) {
      return { ok: false, path: 'id', message: "an anonymous submission cannot contain your organisation's own identity" };
    }
    const pseudonymId = pseudonymFor(organization.sector, organization.country).identityId;
    replaceReferences(stored, organization.identityId, pseudonymId);
    if (versioned) stored.created_by_ref = pseudonymId;
  } else if (versioned) {
    const claimed = stix.created_by_ref;
    if (typeof claimed === 'string' && claimed !== organization.identityId && memberIdentityIds.has(claimed)) {
      return { ok: false, path: 'created_by_ref', message: 'names another member organisation as the creator; only that organisation can share as itself' };
    }
    stored.created_by_ref = claimed ?? organization.identityId;
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
      anonymous: submission.anonymous,
      validFrom: type === 'indicator' ? (stix.valid_from as string) : undefined,
      validUntil: type === 'indicator' && typeof stix.valid_until === 'string' ? stix.valid_until : undefined,
      name: typeof stix.name === 'string' ? stix.name : undefined,
      labels: stringList(stix.labels),
      indicatorTypes: stringList(stix.indicator_types),
      requiredRefs: requiredRefsOf(stix),
      stix: stored,
      observables: observablesOf(type, stix),
    },
  };
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

/** An anonymous source's identity must not appear in any reference (e.g. a sighting's where_sighted_refs). */
function replaceReferences(stix: Record<string, unknown>, identityId: string, pseudonymId: string): void {
  for (const [property, value] of Object.entries(stix)) {
    if (property.endsWith('_ref') && value === identityId) stix[property] = pseudonymId;
    if (property.endsWith('_refs') && Array.isArray(value)) stix[property] = value.map((ref) => (ref === identityId ? pseudonymId : ref));
  }
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
