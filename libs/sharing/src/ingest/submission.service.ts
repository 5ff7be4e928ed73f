import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Audience, audienceIssues, MemberViewer, tlpRank } from '@hub/access';
import { AuditService } from '@hub/audit';
import type { AuditEntry } from '@hub/audit';
import { FieldIssue, HUB_CONFIG, HubError, HubEventBus } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { INCIDENT_EXTENSIONS } from '@hub/incident-rules';
import { formatStixTimestamp, type SightingType, validateBundle, validateObject, type ValidationResult } from '@hub/stix';
import { DataSource, EntityManager } from 'typeorm';
import { GroupSizes, Pseudonym, pseudonymFor, pseudonymGroupOf } from '../anonymity/pseudonym';
import { FeedService } from '../feed/feed.service';
import { StixObjectRow } from '../feed/stix-object.row';
import { StixObjectWriter } from '../store/stix-object.writer';
import { PreparedObject, StoreOutcome } from '../store/prepared-object';
import { prepareObject, RED_BY_KEY_MESSAGE } from './prepare-object';
import { Submission, SubmittingOrganization } from './submission';
import { ObservableFlag, SubmissionChecks } from './submission-checks';

export const MAX_OBJECTS_PER_BUNDLE = 20_000;
// Objects written per transaction: large enough for throughput, small enough to retry alone.
const WRITE_BATCH = 1_000;
// Batches in flight at once: PostgreSQL writes two while Node prepares the third.
const PARALLEL_WRITES = 3;

/**
 * Every submission path (GraphQL, TAXII, imports) checks the extensions the hub knows beyond STIX 2.1: the
 * Incident Core suite and the patient-care extension (docs/incidents.md).
 */
const HUB_VALIDATION = { extensions: INCIDENT_EXTENSIONS };

/** An error or warning; `list` names the warninglist when one matched. */
export type SubmissionIssue = FieldIssue & { list?: string };

export interface ObjectResult {
  index: number;
  stixId: string | null;
  status: 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
  errors: SubmissionIssue[];
  warnings: SubmissionIssue[];
  /** For an object shared anonymously: the pseudonym everyone outside the source sees. */
  pseudonym?: Pseudonym | null;
}

/**
 * The one answer for a recipient e-mail that names nobody who can receive: unknown, deactivated, or
 * of a deactivated organisation alike, so that it tells no more than "not a person you can share with".
 */
export const UNKNOWN_RECIPIENT_MESSAGE = 'is not the sign-in e-mail of an active person of the hub';

export interface SubmissionOutcome {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: ObjectResult[];
}

/** A batch's outcome, and the indexes of the objects a committed write transaction held (`withResults` wrote theirs there). */
export type BatchOutcome = SubmissionOutcome & { committed: ReadonlySet<number> };

/** Everything members share goes through here: bundles, single indicators, sightings and revocations. */
@Injectable()
export class SubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: StixObjectWriter,
    private readonly feed: FeedService,
    private readonly audit: AuditService,
    private readonly events: HubEventBus,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly checks: SubmissionChecks,
  ) {}

  async submitBundle(request: Submission, bundle: unknown): Promise<SubmissionOutcome> {
    const submission = await this.checkedSubmission(request);
    const objectCount = bundle && typeof bundle === 'object' && Array.isArray((bundle as { objects?: unknown }).objects) ? (bundle as { objects: unknown[] }).objects.length : 0;
    if (objectCount > MAX_OBJECTS_PER_BUNDLE) {
      throw HubError.badInput(`A bundle may hold at most ${MAX_OBJECTS_PER_BUNDLE} objects (this one has ${objectCount}); split it`, [
        { path: 'bundle.objects', message: `at most ${MAX_OBJECTS_PER_BUNDLE} objects` },
      ]);
    }
    const validation = validateBundle(bundle, HUB_VALIDATION);
    if (validation.errors.length) {
      throw HubError.badInput('The bundle is not a valid STIX 2.1 bundle', validation.errors.map((issue) => ({ path: `bundle.${issue.path}`.replace(/\.$/, ''), message: issue.message })));
    }
    return this.ingest(submission, validation.objects.map((entry) => ({ index: entry.index, id: entry.id, result: entry.result })), 'object.submit');
  }

  /**
   * One batch of an import job: the same checks, marking, attribution, audit and storing as
   * submitBundle, for at most WRITE_BATCH objects. `withResults` runs inside each transaction that
   * stores objects, with the results of the objects it holds, so that what the caller records about
   * them (an import job's per-object results and counters) commits with them or not at all; the
   * results of objects refused before any transaction are returned only.
   *
   * `validation` is the result of validateObject for that very object when the caller made the
   * object and validated it already (a CSV row's indicator): it is not validated twice. A result
   * for another object (not the same reference) counts for nothing and the object is validated here.
   * (CSV rows make indicators, which carry none of the extensions HUB_VALIDATION adds rules for.)
   */
  async submitBatch(
    request: Submission,
    objects: { index: number; stix: unknown; validation?: ValidationResult }[],
    withResults: (manager: EntityManager, results: ObjectResult[]) => Promise<void>,
  ): Promise<BatchOutcome> {
    if (objects.length > WRITE_BATCH) throw new RangeError(`a batch holds at most ${WRITE_BATCH} objects`);
    const submission = await this.checkedSubmission(request);
    const entries = objects.map(({ index, stix, validation }) => {
      const id = stix && typeof stix === 'object' && typeof (stix as { id?: unknown }).id === 'string' ? (stix as { id: string }).id : undefined;
      const validated = validation?.ok && validation.object === stix ? validation : undefined;
      return { index, id, result: validated ?? validateObject(stix, '', HUB_VALIDATION) };
    });
    return this.ingest(submission, entries, 'object.import', withResults);
  }

  /** Stores one object built by the hub (an indicator or a sighting) and returns it as the submitter sees it. */
  async submitOne(request: Submission, stix: Record<string, unknown>, inputPaths: Record<string, string>): Promise<StixObjectRow> {
    const submission = await this.checkedSubmission(request);
    const outcome = await this.ingest(submission, [{ index: 0, id: String(stix.id), result: validateObject(stix, '', HUB_VALIDATION) }], `${stix.type}.submit`);
    const [result] = outcome.results;
    if (result.status === 'REJECTED') {
      const issues = result.errors.map((issue) => ({ path: toInputPath(issue.path, inputPaths), message: issue.message }));
      throw HubError.badInput(`The ${stix.type} is not valid: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, issues);
    }
    const stored = await this.feed.findOne(submission.viewer, String(stix.id));
    if (!stored) throw HubError.notFound('The object was stored but you cannot read it');
    return stored;
  }

  async reportSighting(submission: Submission, input: { sightingOfRef: string; type: SightingType; count: number; firstSeen?: string; lastSeen?: string; description?: string }): Promise<StixObjectRow> {
    const seen = await this.feed.findOne(submission.viewer, input.sightingOfRef);
    if (!seen) throw HubError.notFound(`No object ${input.sightingOfRef} that you can read`);
    const organization = await this.organizationOf(submission.viewer);
    const now = formatStixTimestamp(new Date());
    const sighting: Record<string, unknown> = {
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--${randomUUID()}`,
      created: now,
      modified: now,
      sighting_of_ref: input.sightingOfRef,
      count: input.count,
      where_sighted_refs: [organization.identityId],
      // A true sighting is written as any other tool writes it: the property only marks the other types.
      ...(input.type !== 'sighting' ? { x_hub_sighting_type: input.type } : {}),
      ...(input.firstSeen ? { first_seen: input.firstSeen } : {}),
      ...(input.lastSeen ? { last_seen: input.lastSeen } : {}),
      ...(input.description ? { description: input.description } : {}),
    };
    return this.submitOne(submission, sighting, { sighting_of_ref: 'sightingOfRef', first_seen: 'firstSeen', last_seen: 'lastSeen', count: 'count', description: 'description' });
  }

  /**
   * Revocation: new versions with revoked: true, under the markings and audiences of the versions
   * they stand for, so that it reaches everyone who could read any earlier version (see
   * StixObjectWriter.storeRevocation). Any person or key of the source organisation that can read a
   * version may revoke the object.
   */
  async revoke(viewer: MemberViewer, id: string, ip?: string): Promise<StixObjectRow> {
    this.assertMayShare(viewer);
    const current = await this.feed.findOne(viewer, id);
    if (!current) throw HubError.notFound(`No object ${id} that you can read`);
    if (!current.own) throw HubError.forbidden('Only the organisation that shared an object may revoke it');
    if (current.modified === null) throw HubError.badInput('Cyber observables have no versions and cannot be revoked', [{ path: 'id', message: 'is a cyber observable' }]);
    if (current.revoked) return current;

    const stored = await this.writer.storeRevocation(id, viewer.userId, new Date(), async (manager, pks) => {
      await this.audit.record({ action: 'object.revoke', viewer, ip, targetType: 'stix_object', targetId: id, details: { versionsWritten: pks.length } }, manager);
      await this.flagRevocations(manager, pks);
    });
    if (stored) await this.events.publish('object.added', { pks: stored });
    const revoked = await this.feed.findOne(viewer, id);
    if (!revoked) throw HubError.notFound(`No object ${id} that you can read`);
    return revoked;
  }

  /**
   * A revocation's versions copy the observables of the versions they stand for; the checks record
   * what they say of them too, so a revoked object reads with its flags. Never refused: the content
   * was accepted before.
   */
  private async flagRevocations(manager: EntityManager, pks: string[]): Promise<void> {
    const rows: { pk: string; type: string; value: string }[] = await manager.query(
      `SELECT object_pk::text AS pk, type, value FROM stix_observable WHERE object_pk = ANY($1::bigint[]) ORDER BY object_pk`,
      [pks],
    );
    const byPk = new Map<string, { type: string; value: string }[]>();
    for (const { pk, type, value } of rows) byPk.set(pk, [...(byPk.get(pk) ?? []), { type, value }]);
    const flagged = [...byPk].flatMap(([pk, observables]) => {
      const flags = this.checks.flags(observables);
      return flags.length ? [{ pk, flags }] : [];
    });
    if (flagged.length) await this.checks.record(manager, flagged);
  }

  private async ingest(
    submission: Submission,
    entries: { index: number; id?: string; result: ReturnType<typeof validateObject> }[],
    action: string,
    withResults?: (manager: EntityManager, results: ObjectResult[]) => Promise<void>,
  ): Promise<BatchOutcome> {
    await this.assertAudienceExists(submission.audience);
    const organization = await this.organizationOf(submission.viewer, submission.anonymous);
    const memberIdentityIds = await this.memberIdentityIds();

    const results: ObjectResult[] = entries.map((entry) => ({
      index: entry.index,
      stixId: entry.id ?? null,
      status: 'REJECTED',
      errors: entry.result.errors,
      warnings: entry.result.warnings,
      pseudonym: null,
    }));
    // Each write transaction records the submission's audit row for what it holds; `audited` keeps
    // the positions a committed row counts, so that a last row counts those refused before storing.
    const audit = new SubmissionAudit(submission, action);
    const audited = new Set<number>();
    const valid = entries.flatMap((entry, position) => (entry.result.ok && entry.result.object ? [{ position, entry }] : []));
    const batches: (typeof valid)[] = [];
    for (let start = 0; start < valid.length; start += WRITE_BATCH) batches.push(valid.slice(start, start + WRITE_BATCH));
    // Storing is bound by the database: several batches at once keep both cores busy. Each batch is
    // prepared just before it is written, so preparing one overlaps the database writing others.
    const writeNext = async (): Promise<void> => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        const prepared: { position: number; object: PreparedObject }[] = [];
        const flagsOf = new Map<number, ObservableFlag[]>();
        const earlier = submission.anonymous ? await this.earlierPseudonyms(organization.id, batch.map(({ entry }) => entry.result.object as Record<string, unknown>)) : new Map<string, Pseudonym>();
        for (const { position, entry } of batch) {
          const stix = entry.result.object as Record<string, unknown>;
          const pseudonym = submission.anonymous ? (earlier.get(String(stix.id)) ?? organization.pseudonym) : null;
          const preparation = prepareObject(entry.index, stix, submission, organization, memberIdentityIds, pseudonym);
          results[position].pseudonym = preparation.ok ? pseudonym : null;
          if (!preparation.ok) {
            results[position].errors = [{ path: `objects[${entry.index}].${preparation.path}`, message: preparation.message }];
            continue;
          }
          const flags = this.checks.flags(preparation.object.observables);
          const issues = flags.map((flag) => ({ path: `objects[${entry.index}].${observablePath(preparation.object.type, flag.type)}`, message: flag.message, list: flag.list }));
          if (flags.some((flag) => flag.action === 'block')) {
            results[position].errors = issues.filter((_, at) => flags[at].action === 'block');
            results[position].pseudonym = null;
            continue;
          }
          results[position].warnings = [...results[position].warnings, ...issues];
          if (flags.length) flagsOf.set(preparation.object.index, flags);
          prepared.push({ position, object: preparation.object });
        }
        if (!prepared.length) continue;
        const idOf = new Map(prepared.map(({ object }) => [object.index, object.id]));
        const outcomes = await this.writer.store(
          prepared.map((item) => item.object),
          async (manager, written) => {
            await this.audit.record(audit.entry(written, idOf), manager);
            const flagged = [...written].flatMap(([index, outcome]) => (outcome.status === 'STORED' && flagsOf.has(index) ? [{ pk: outcome.pk, flags: flagsOf.get(index)! }] : []));
            if (flagged.length) await this.checks.record(manager, flagged);
            const copies = [...written.values()].flatMap((outcome) => (outcome.status === 'STORED' ? (outcome.revocationCopies ?? []) : []));
            if (copies.length) await this.flagRevocations(manager, copies);
            if (withResults) await withResults(manager, resultsIn(written, prepared, results));
          },
        );
        for (const { position, object } of prepared) {
          const outcome = outcomes.get(object.index)!;
          applyOutcome(results[position], outcome, object.index);
          if (outcome.status !== 'FAILED') audited.add(position);
        }
        const stored = [...outcomes.values()].flatMap((outcome) => (outcome.status === 'STORED' ? [outcome.pk, ...(outcome.revocationCopies ?? [])] : []));
        if (stored.length) await this.events.publish('object.added', { pks: stored });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_WRITES }, writeNext));

    const outcome = {
      accepted: results.filter((result) => result.status === 'ACCEPTED').length,
      duplicates: results.filter((result) => result.status === 'DUPLICATE').length,
      rejected: results.filter((result) => result.status === 'REJECTED').length,
      results,
      committed: new Set([...audited].map((position) => entries[position].index)),
    };
    // Objects refused before any transaction held them (or whose transactions all failed), and a
    // submission of nothing, still leave a trace.
    const unaudited = results.filter((_, position) => !audited.has(position)).length;
    if (unaudited || !audited.size) await this.audit.record(audit.refusedEntry(unaudited));
    return outcome;
  }

  /**
   * Who may share, then whether the audience fits the marking (recipients named by e-mail count as
   * people), then the e-mail look-up. Only those who may share, with an audience the marking takes,
   * learn anything from the look-up: an audience on CLEAR or GREEN is refused before it.
   */
  private async checkedSubmission(request: Submission): Promise<Submission> {
    this.assertMayShare(request.viewer);
    if (request.viewer.kind === 'key' && tlpRank(request.tlp) === tlpRank('RED')) {
      throw HubError.forbidden(RED_BY_KEY_MESSAGE);
    }
    const named = { ...request.audience, userIds: [...request.audience.userIds, ...(request.recipientEmails ?? [])] };
    const issues = audienceIssues(request.tlp, named);
    if (issues.length) throw HubError.badInput(issues[0].message, issues);
    return this.withRecipients(request);
  }

  private assertMayShare(viewer: MemberViewer): void {
    if (viewer.role !== 'MEMBER' && viewer.role !== 'ANALYST') {
      throw HubError.forbidden('Only members and analysts submit threat intelligence');
    }
  }

  /**
   * Adds the people named by e-mail to the audience. An e-mail that names nobody who could read
   * (unknown, deactivated, of a deactivated organisation) refuses the whole submission with one and
   * the same message. Those who may share learn whether an address belongs to an active person
   * (they must, or RED would go to no one), nothing more; every look-up, found or not, is audited
   * with all the addresses asked and how many matched, so a series of guesses shows in the audit log.
   */
  private async withRecipients(submission: Submission): Promise<Submission> {
    const emails = submission.recipientEmails ?? [];
    if (!emails.length) return submission;
    const rows: { id: string; email: string }[] = await this.dataSource.query(
      `SELECT u.id, u.email FROM hub_user u JOIN organization o ON o.id = u.organization_id WHERE u.email = ANY($1::text[]) AND u.active AND o.active`,
      [emails],
    );
    const idByEmail = new Map(rows.map((row) => [row.email, row.id]));
    const unknown = emails.flatMap((email, index) => (idByEmail.has(email) ? [] : [{ email, index }]));
    await this.audit.record({
      action: 'recipient.lookup',
      viewer: submission.viewer,
      ip: submission.ip,
      outcome: unknown.length ? 'failure' : 'success',
      details: {
        recipientEmails: emails,
        matched: emails.length - unknown.length,
        ...(unknown.length ? { reason: 'unknown recipient e-mail', unknownRecipientEmails: unknown.map(({ email }) => email) } : {}),
      },
    });
    if (unknown.length) {
      throw HubError.badInput(
        'The audience names an e-mail address that is not an active person of the hub',
        unknown.map(({ index }) => ({ path: `audience.recipientEmails[${index}]`, message: UNKNOWN_RECIPIENT_MESSAGE })),
      );
    }
    const userIds = [...new Set([...submission.audience.userIds, ...emails.map((email) => idByEmail.get(email)!)])];
    return { ...submission, audience: { ...submission.audience, userIds }, recipientEmails: [] };
  }

  /**
   * Every organisation, sharing group and person named in the audience must exist and be active
   * (also asked by an import before its file is read, so that a wrong id fails at once).
   */
  async assertAudienceExists(audience: Audience): Promise<void> {
    const issues: FieldIssue[] = [];
    const check = async (ids: string[], sql: string, field: string, noun: string) => {
      if (!ids.length) return;
      const found = new Set((await this.dataSource.query(sql, [ids])).map((row: { id: string }) => row.id));
      ids.forEach((id, index) => {
        if (!found.has(id)) issues.push({ path: `audience.${field}[${index}]`, message: `no active ${noun} has the id ${id}` });
      });
    };
    await check(audience.organizationIds, 'SELECT id FROM organization WHERE id = ANY($1::uuid[]) AND active', 'organizationIds', 'organisation');
    await check(audience.sharingGroupIds, 'SELECT id FROM sharing_group WHERE id = ANY($1::uuid[])', 'sharingGroupIds', 'sharing group');
    await check(
      audience.userIds,
      'SELECT u.id FROM hub_user u JOIN organization o ON o.id = u.organization_id WHERE u.id = ANY($1::uuid[]) AND u.active AND o.active',
      'userIds',
      'user',
    );
    if (issues.length) throw HubError.badInput('The audience names someone the hub does not know', issues);
  }

  /**
   * The submitting organisation; for an anonymous submission also the pseudonym its new objects get:
   * the finest group of at least k active member organisations (the hub operator is not a member).
   */
  private async organizationOf(viewer: MemberViewer, anonymous = false): Promise<SubmittingOrganization> {
    const [row]: { id: string; identityId: string; sector: string; country: string | null; sizes: GroupSizes }[] = await this.dataSource.query(
      `SELECT o.id, o.identity_id AS "identityId", o.sector, o.country,
              json_build_object('sectorAndCountry', count(*) FILTER (WHERE m.sector = o.sector AND m.country = o.country),
                                'sector', count(*) FILTER (WHERE m.sector = o.sector),
                                'members', count(m.id)) AS sizes
       FROM organization o LEFT JOIN organization m ON $2 AND m.active AND NOT m.is_operator
       WHERE o.id = $1
       GROUP BY o.id`,
      [viewer.organizationId, anonymous],
    );
    const { sizes, ...organization } = row;
    const group = pseudonymGroupOf(organization, sizes, this.config.trendK);
    return { ...organization, pseudonym: anonymous ? pseudonymFor(group.sector, group.country) : null };
  }

  /** The pseudonyms the organisation's anonymous objects among these were first shared under: every version keeps it. */
  private async earlierPseudonyms(organizationId: string, objects: Record<string, unknown>[]): Promise<Map<string, Pseudonym>> {
    const ids = [...new Set(objects.map((object) => String(object.id)))];
    const rows: { id: string; sector: string | null; country: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (id) id, pseudonym_sector AS sector, pseudonym_country AS country
       FROM stix_object WHERE id = ANY($1::text[]) AND source_org_id = $2::uuid AND anonymous
       ORDER BY id, pk`,
      [ids, organizationId],
    );
    return new Map(rows.map((row) => [row.id, pseudonymFor(row.sector, row.country)]));
  }

  private async memberIdentityIds(): Promise<Set<string>> {
    const rows: { identity_id: string }[] = await this.dataSource.query('SELECT identity_id FROM organization');
    return new Set(rows.map((row) => row.identity_id));
  }
}

/**
 * The audit rows of one submission: one per write transaction, committed with the objects it
 * stored and listing every one of them (who, from where, under which marking and audience), and
 * one more for the objects refused before storing. They share a submission id.
 */
class SubmissionAudit {
  private readonly submissionId = randomUUID();

  constructor(
    private readonly submission: Submission,
    private readonly action: string,
  ) {}

  /**
   * The row of one write transaction, from the outcomes of the objects it holds (by index). Besides
   * what it stored, it names the duplicates and the third parties' objects refused because another
   * organisation shared them: re-sending ids another organisation holds shows as a series here.
   */
  entry(outcomes: Map<number, StoreOutcome>, idOf: Map<number, string>): AuditEntry {
    const idsOf = (matches: (outcome: StoreOutcome) => boolean) => [...outcomes].flatMap(([index, outcome]) => (matches(outcome) ? [idOf.get(index)!] : []));
    const stored = idsOf((outcome) => outcome.status === 'STORED');
    const duplicateIds = idsOf((outcome) => outcome.status === 'DUPLICATE');
    const thirdPartyConflictIds = idsOf((outcome) => outcome.status === 'REJECTED' && outcome.thirdParty === true);
    return this.row(stored, duplicateIds, outcomes.size - stored.length - duplicateIds.length, thirdPartyConflictIds);
  }

  refusedEntry(rejected: number): AuditEntry {
    return this.row([], [], rejected, []);
  }

  private row(objectIds: string[], duplicateIds: string[], rejected: number, thirdPartyConflictIds: string[]): AuditEntry {
    const { viewer, ip, tlp, anonymous, audience } = this.submission;
    const duplicates = duplicateIds.length;
    return {
      action: this.action,
      viewer,
      ip,
      outcome: rejected && !objectIds.length && !duplicates ? 'failure' : 'success',
      details: { submissionId: this.submissionId, tlp, anonymous, audience, accepted: objectIds.length, duplicates, rejected, objectIds, duplicateIds, thirdPartyConflictIds },
    };
  }
}

function applyOutcome(result: ObjectResult, outcome: StoreOutcome, index: number): void {
  if (outcome.status === 'STORED') result.status = 'ACCEPTED';
  else if (outcome.status === 'DUPLICATE') result.status = 'DUPLICATE';
  else {
    result.errors = [{ path: `objects[${index}].${outcome.path}`, message: outcome.message }];
    result.pseudonym = null;
  }
}

/** The results of the objects one write transaction holds, as they stand when it commits. */
function resultsIn(written: Map<number, StoreOutcome>, prepared: { position: number; object: { index: number } }[], results: ObjectResult[]): ObjectResult[] {
  return prepared.flatMap(({ position, object }) => {
    const outcome = written.get(object.index);
    if (!outcome) return [];
    const result = { ...results[position] };
    applyOutcome(result, outcome, object.index);
    return [result];
  });
}

/** Where in the object a flagged observable sits: an indicator's pattern, a file's hashes, an SCO's value. */
function observablePath(objectType: string, observableType: string): string {
  if (objectType === 'indicator') return 'pattern';
  return observableType === 'file' || observableType === 'artifact' ? 'hashes' : 'value';
}

/** Maps `objects[0].valid_until` to the input field the caller typed, e.g. `validUntil`. */
function toInputPath(path: string, inputPaths: Record<string, string>): string {
  const property = path.replace(/^objects\[\d+\]\.?/, '');
  const [head, ...rest] = property.split('.');
  const mapped = inputPaths[head.replace(/\[\d+\]$/, '')];
  return mapped ? [`input.${mapped}${head.match(/\[\d+\]$/)?.[0] ?? ''}`, ...rest].join('.') : property || 'input';
}
