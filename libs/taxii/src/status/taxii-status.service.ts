import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MemberViewer } from '@hub/access';
import { HubError } from '@hub/platform';
import { DataSource } from 'typeorm';
import { MICROSECOND_TEXT } from '../objects/taxii-objects.sql';
import { StatusResource } from './status-resource';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps the status of each POST; only its poster (the person, or the API key) may read it. */
@Injectable()
export class TaxiiStatusService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async save(viewer: MemberViewer, collectionId: string, status: StatusResource): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO taxii_status (id, organization_id, user_id, key_id, collection_id, status, request_timestamp, total_count, success_count, failure_count, pending_count, successes, failures, pendings)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        status.id,
        viewer.organizationId,
        viewer.userId,
        viewer.keyId ?? null,
        collectionId,
        status.status,
        status.request_timestamp,
        status.total_count,
        status.success_count,
        status.failure_count,
        status.pending_count,
        JSON.stringify(status.successes),
        JSON.stringify(status.failures),
        JSON.stringify(status.pendings),
      ],
    );
  }

  async find(viewer: MemberViewer, id: string): Promise<StatusResource> {
    const [row] = UUID.test(id)
      ? await this.dataSource.query<StatusResource[]>(
          `SELECT id, status, to_char(request_timestamp AT TIME ZONE 'UTC', ${MICROSECOND_TEXT}) AS request_timestamp,
                  total_count, success_count, successes, failure_count, failures, pending_count, pendings
             FROM taxii_status WHERE id = $1 AND organization_id = $2 AND user_id = $3 AND key_id IS NOT DISTINCT FROM $4::uuid`,
          [id, viewer.organizationId, viewer.userId, viewer.keyId ?? null],
        )
      : [];
    if (!row) throw HubError.notFound(`No status ${id} of yours`);
    return row;
  }
}
