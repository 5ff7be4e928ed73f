import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MemberViewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { HubError } from '@hub/platform';
import { SubmissionService } from '@hub/sharing';
import { TaxiiCollection } from '../collections/collection-catalog';
import { TaxiiHttpError } from '../http/taxii-error';
import { statusFromOutcome, StatusResource } from '../status/status-resource';
import { TaxiiStatusService } from '../status/taxii-status.service';
import { envelopeObjects } from './envelope-input';
import { TaxiiObjectsService } from './taxii-objects.service';

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
    const submission = { viewer, tlp: collection.submitAs.tlp, audience: collection.submitAs.audience, anonymous: false, ip };
    const outcome = await this.submissions.submitBundle(submission, { type: 'bundle', id: `bundle--${randomUUID()}`, objects }).catch(unprocessable);
    const status = statusFromOutcome(randomUUID(), requestTimestamp, objects, outcome);
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
   * Only the source organisation may; the object must be in this collection for the caller.
   */
  async deleteObject(viewer: MemberViewer, collection: TaxiiCollection, objectId: string, ip: string | undefined): Promise<void> {
    if (!(await this.objects.exists(viewer, collection, objectId))) throw HubError.notFound(`No object ${objectId} in this collection that you can read`);
    try {
      await this.submissions.revoke(viewer, objectId, ip);
    } catch (error) {
      if (error instanceof HubError && error.code === 'FORBIDDEN') await this.deny(viewer, ip, collection, 'delete');
      throw unprocessableOrSame(error);
    }
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
