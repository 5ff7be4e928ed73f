import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MemberViewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { HubError } from '@hub/platform';
import { ObjectResult, SubmissionOutcome, SubmissionService } from '@hub/sharing';
import { TaxiiCollection } from '../collections/collection-catalog';
import { TaxiiHttpError } from '../http/taxii-error';
import { statusFromOutcome, StatusResource } from '../status/status-resource';
import { TaxiiStatusService } from '../status/taxii-status.service';
import { TaxiiQuery } from '../query/taxii-query';
import { envelopeObjects } from './envelope-input';
import { TaxiiObjectsService } from './taxii-objects.service';

/** What submitBundle takes: the marking, the audience and whether the source stays anonymous. */
type Submission = Parameters<SubmissionService['submitBundle']>[0];

/** TAXII writes: POSTed envelopes go through the same ingestion as submitBundle; DELETE is the source's revocation. */
@Injectable()
export class TaxiiWritesService {
  constructor(
    private readonly submissions: SubmissionService,
    private readonly statuses: TaxiiStatusService,
    private readonly objects: TaxiiObjectsService,
    private readonly audit: AuditService,
  ) {}

  async addObjects(viewer: MemberViewer, collection: TaxiiCollection, body: unknown, ip: string | undefined): Promise<StatusResource> {
    if (!collection.canWrite || !collection.submitAs) {
      await this.deny(viewer, ip, collection, 'add');
      throw HubError.forbidden(`You may not add objects to the collection "${collection.title}"`);
    }
    const objects = envelopeObjects(body);
    const requestTimestamp = new Date().toISOString().replace('Z', '000Z');
    const submission: Submission = { viewer, tlp: collection.submitAs.tlp, audience: collection.submitAs.audience, anonymous: false, ip };
    const outcome = await this.ingest(submission, objects);
    const stored = outcome.results.flatMap((result) => (result.status !== 'REJECTED' && result.stixId ? [result.stixId] : []));
    const observablesAdded = await this.objects.observablesAdded(viewer, stored);
    const status = statusFromOutcome(randomUUID(), requestTimestamp, objects, outcome, observablesAdded);
    await this.statuses.save(viewer, collection.id, status);
    await this.audit.record({
      action: 'taxii.objects.add',
      viewer,
      ip,
      targetType: 'taxii_collection',
      targetId: collection.id,
      outcome: status.success_count || !status.failure_count ? 'success' : 'failure',
      details: { statusId: status.id, total: status.total_count, succeeded: status.success_count, failed: status.failure_count },
    });
    return status;
  }

  /**
   * A DELETE revokes the object: a hub never erases what others may already hold, and revocation
   * is how a source withdraws what it shared (a new version with revoked: true, same marking).
   * Only on a collection the caller may write to (can_write), only by the source organisation, and
   * the object must be in this collection for the caller (on Submit: anywhere TAXII reaches).
   * match[version] and match[spec_version] choose versions as on reads; since a revocation
   * withdraws the whole object, they must choose its latest version, or nothing is done (422).
   */
  async deleteObject(viewer: MemberViewer, collection: TaxiiCollection, objectId: string, query: TaxiiQuery, ip: string | undefined): Promise<void> {
    if (!collection.canWrite) {
      await this.deny(viewer, ip, collection, 'delete');
      throw HubError.forbidden(`You may not delete objects from the collection "${collection.title}" (can_write is false)`);
    }
    const { selected, latest } = await this.objects.deletion(viewer, collection, objectId, query);
    if (!selected.length) throw HubError.notFound(`No object ${objectId} in this collection that you can read and that matches the filters`);
    if (!latest || !selected.some((row) => row.pk === latest.pk)) {
      throw new TaxiiHttpError(
        422,
        'Unprocessable content',
        'A DELETE revokes the whole object, every version of it: match[version] must select its latest version (last, all, or its timestamp)',
        [{ path: 'match[version]', message: 'selects older versions only' }],
      );
    }
    try {
      await this.submissions.revoke(viewer, objectId, ip);
    } catch (error) {
      if (error instanceof HubError && error.code === 'FORBIDDEN') await this.deny(viewer, ip, collection, 'delete');
      throw unprocessableOrSame(error);
    }
  }

  /**
   * The same ingestion as submitBundle. A TAXII POST cannot ask for anonymity, so the new versions
   * of objects the organisation shared anonymously are shared anonymously again: a named version
   * would tell every reader who stands behind all the earlier ones. Those go in a submission of
   * their own; results and their paths are put back in the order of the envelope.
   */
  private async ingest(submission: Submission, objects: unknown[]): Promise<SubmissionOutcome> {
    const anonymousIds = await this.objects.anonymouslySharedIds(submission.viewer.organizationId, objects.map(idOf));
    const results: ObjectResult[] = [];
    for (const anonymous of [false, true]) {
      const indexes = objects.flatMap((object, index) => (anonymousIds.has(idOf(object)) === anonymous ? [index] : []));
      if (!indexes.length) continue;
      const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: indexes.map((index) => objects[index]) };
      const outcome = await this.submissions.submitBundle({ ...submission, anonymous }, bundle).catch(unprocessable);
      const envelopePath = (path: string) => path.replace(/^objects\[(\d+)\]/, (_, index: string) => `objects[${indexes[Number(index)]}]`);
      for (const result of outcome.results) {
        results.push({ ...result, index: indexes[result.index], errors: result.errors.map((issue) => ({ ...issue, path: envelopePath(issue.path) })) });
      }
    }
    results.sort((a, b) => a.index - b.index);
    const count = (status: ObjectResult['status']) => results.filter((result) => result.status === status).length;
    return { accepted: count('ACCEPTED'), duplicates: count('DUPLICATE'), rejected: count('REJECTED'), results };
  }

  private async deny(viewer: MemberViewer, ip: string | undefined, collection: TaxiiCollection, operation: string): Promise<void> {
    await this.audit.record({
      action: 'access.denied',
      outcome: 'denied',
      viewer,
      ip,
      targetType: 'taxii_collection',
      targetId: collection.id,
      details: { operation: `taxii.${operation}`, reason: 'can_write' },
    });
  }
}

/** A request TAXII understood but the hub cannot carry out (e.g. an audience problem of the whole envelope) is a 422. */
function unprocessableOrSame(error: unknown): unknown {
  if (error instanceof HubError && error.code === 'BAD_USER_INPUT') return new TaxiiHttpError(422, 'Unprocessable content', error.message, error.issues);
  return error;
}

function unprocessable(error: unknown): never {
  throw unprocessableOrSame(error);
}

function idOf(object: unknown): string {
  const id = object && typeof object === 'object' ? (object as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : '';
}
