import { Injectable } from '@nestjs/common';
import type { Audience, Tlp } from '@hub/access';
import { storableText } from '@hub/stix';
import { DataSource, EntityManager } from 'typeorm';
import type { ImportFormat, ItemIssue } from './import-sources';

export type ImportJobStatus = 'uploading' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** An import job as stored. */
export interface ImportJobRow {
  id: string;
  organizationId: string;
  userId: string;
  keyId: string | null;
  format: ImportFormat;
  tlp: Tlp;
  audience: Audience;
  recipientEmails: string[];
  anonymous: boolean;
  mapping: unknown;
  ip: string | null;
  status: ImportJobStatus;
  cancelRequested: boolean;
  bytes: number;
  position: number;
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  errors: ItemIssue[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface NewImportJob {
  organizationId: string;
  userId: string;
  keyId: string | null;
  format: ImportFormat;
  tlp: Tlp;
  audience: Audience;
  recipientEmails: string[];
  anonymous: boolean;
  mapping: unknown;
  ip: string | null;
}

/**
 * Who started a job: the person when a person started it (no key), or that very key when a key did.
 * Only the starter reads, lists, follows or cancels the job.
 */
export interface ImportStarter {
  organizationId: string;
  userId: string;
  keyId: string | null;
}

/** $2 organisation, $3 user, $4 key (null for a person): a job is seen only by whoever started it. */
const STARTER_CONDITION = `organization_id = $2 AND user_id = $3 AND key_id IS NOT DISTINCT FROM $4::uuid`;

/**
 * A job that holds one of its organisation's slots: queued or running, or uploading (an upload cut
 * off by a stop of the hub stops counting after an hour; it is deleted after a day).
 */
const ACTIVE_JOB = `(status IN ('queued', 'running') OR (status = 'uploading' AND created_at > now() - interval '1 hour'))`;

export interface ImportQuota {
  /** Bytes of uploads in any 24 hours, after decompression; 0: no limit. */
  bytesPerDay: number;
  /** Jobs uploading, queued or running at once; 0: no limit. */
  activeJobs: number;
}

/** One item's outcome, as kept for the job's results. */
export interface ItemResult {
  index: number;
  line?: number;
  stixId: string | null;
  status: 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';
  errors: ItemIssue[];
}

const JOB_COLUMNS = `id, organization_id AS "organizationId", user_id AS "userId", key_id AS "keyId", format, tlp, audience,
  recipient_emails AS "recipientEmails", anonymous, mapping, ip, status, cancel_requested AS "cancelRequested",
  bytes::float8 AS bytes, position::float8 AS position, read::float8 AS read, accepted::float8 AS accepted,
  rejected::float8 AS rejected, duplicates::float8 AS duplicates, errors,
  created_at AS "createdAt", started_at AS "startedAt", finished_at AS "finishedAt"`;

/**
 * The SQL of import jobs. Every read a member makes names the starter (organisation, person, key):
 * a job someone else started and a job that does not exist are the same absent row. A job may carry
 * TLP RED or AMBER+STRICT content (ids, rejected items' messages), so colleagues and the
 * organisation's other keys are someone else too.
 */
@Injectable()
export class ImportJobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the job unless the organisation is at a quota: then nothing is written and the answer
   * says which. The organisation's advisory lock makes the count and the insert one step for all
   * replicas (two uploads at once cannot both take the last slot).
   */
  async create(job: NewImportJob, quota: ImportQuota): Promise<{ id: string } | { refused: 'activeJobs' | 'bytesPerDay' }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('import_job:' || $1::text))`, [job.organizationId]);
      await manager.query(`DELETE FROM import_bytes_used WHERE organization_id = $1 AND at <= now() - interval '1 day'`, [job.organizationId]);
      const [usage]: { active: number; bytes: number }[] = await manager.query(
        `SELECT (SELECT count(*) FROM import_job WHERE organization_id = $1 AND ${ACTIVE_JOB})::int AS active,
                (SELECT coalesce(sum(bytes), 0) FROM import_bytes_used WHERE organization_id = $1 AND at > now() - interval '1 day')::float8 AS bytes`,
        [job.organizationId],
      );
      if (quota.activeJobs && usage.active >= quota.activeJobs) return { refused: 'activeJobs' as const };
      if (quota.bytesPerDay && usage.bytes >= quota.bytesPerDay) return { refused: 'bytesPerDay' as const };
      const [row]: { id: string; created_at: Date }[] = await manager.query(
        `INSERT INTO import_job (organization_id, user_id, key_id, format, tlp, audience, recipient_emails, anonymous, mapping, ip, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'uploading') RETURNING id, created_at`,
        [job.organizationId, job.userId, job.keyId, job.format, job.tlp, JSON.stringify(job.audience), job.recipientEmails, job.anonymous, job.mapping === undefined ? null : JSON.stringify(job.mapping), job.ip],
      );
      await manager.query(`INSERT INTO import_bytes_used (job_id, organization_id, at) VALUES ($1, $2, $3)`, [row.id, job.organizationId, row.created_at]);
      return { id: row.id };
    });
  }

  /**
   * Stores a chunk and counts its bytes to the job and to the organisation's quota at once (one
   * statement), so that uploads running side by side see each other; answers the organisation's
   * bytes of the last 24 hours, this chunk included.
   */
  async appendChunk(jobId: string, seq: number, data: Buffer): Promise<number> {
    const [row]: { bytes: number }[] = await this.dataSource.query(
      `WITH chunk AS (INSERT INTO import_upload_chunk (job_id, seq, data) VALUES ($1, $2, $3)),
            job AS (UPDATE import_job SET bytes = bytes + $4 WHERE id = $1),
            used AS (UPDATE import_bytes_used SET bytes = bytes + $4 WHERE job_id = $1 RETURNING organization_id)
       SELECT (coalesce(sum(u.bytes), 0) + $4)::float8 AS bytes
       FROM import_bytes_used u WHERE u.organization_id = (SELECT organization_id FROM used) AND u.at > now() - interval '1 day'`,
      [jobId, seq, data, data.length],
    );
    return row.bytes;
  }

  /**
   * The bytes of an upload that arrived but were not stored (the last part, held until a chunk is
   * full, of an upload refused or cut off): they count against the quota all the same.
   */
  async countUnstored(jobId: string, bytes: number): Promise<void> {
    if (bytes > 0) await this.dataSource.query(`UPDATE import_bytes_used SET bytes = bytes + $2 WHERE job_id = $1`, [jobId, bytes]);
  }

  /**
   * When the organisation may upload `needed` more bytes: the time its oldest uploads of the last 24
   * hours leave the window far enough, rounded up to the next full hour (the exact moment would be a
   * colleague's upload time); null when \`needed\` alone is more than the quota.
   */
  async bytesFreeAt(organizationId: string, needed: number, bytesPerDay: number): Promise<Date | null> {
    if (needed > bytesPerDay) return null;
    const rows: { leavesAt: Date; bytes: number }[] = await this.dataSource.query(
      `SELECT at + interval '1 day' AS "leavesAt", bytes::float8 AS bytes FROM import_bytes_used
       WHERE organization_id = $1 AND at > now() - interval '1 day' ORDER BY at, job_id`,
      [organizationId],
    );
    let used = rows.reduce((sum, row) => sum + row.bytes, 0);
    let at = new Date();
    for (const row of rows) {
      if (used + needed <= bytesPerDay) break;
      used -= row.bytes;
      at = row.leavesAt;
    }
    return nextFullHour(at);
  }

  /** The upload is complete and durable: the job may run, on any replica. */
  async queue(jobId: string, bytes: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE import_job SET status = 'queued', bytes = $2 WHERE id = $1`, [jobId, bytes]);
      await manager.query(`INSERT INTO import_job_claim (job_id) VALUES ($1)`, [jobId]);
    });
  }

  async delete(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM import_job WHERE id = $1`, [jobId]);
  }

  /** Uploads cut off by a stop of the hub: the client never got their id, so nothing waits for them. */
  async deleteAbandonedUploads(): Promise<void> {
    await this.dataSource.query(`DELETE FROM import_job WHERE status = 'uploading' AND created_at < now() - interval '1 day'`);
    await this.dataSource.query(`DELETE FROM import_bytes_used WHERE at < now() - interval '1 day'`);
  }

  async findOwn(starter: ImportStarter, id: string): Promise<ImportJobRow | null> {
    const [row]: ImportJobRow[] = await this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM import_job WHERE id = $1 AND ${STARTER_CONDITION} AND status <> 'uploading'`,
      [id, starter.organizationId, starter.userId, starter.keyId],
    );
    return row ?? null;
  }

  /** The starter's jobs, newest first, after a (created_at, id) cursor. */
  async listOwn(starter: ImportStarter, first: number, after?: { createdAt: string; id: string }): Promise<ImportJobRow[]> {
    return this.dataSource.query(
      `SELECT ${JOB_COLUMNS} FROM import_job
       WHERE ${STARTER_CONDITION} AND status <> 'uploading' AND ($5::timestamptz IS NULL OR (created_at, id) < ($5::timestamptz, $6::uuid))
       ORDER BY created_at DESC, id DESC LIMIT $1`,
      [first, starter.organizationId, starter.userId, starter.keyId, after?.createdAt ?? null, after?.id ?? null],
    );
  }

  /** A page of the own job's results, by position in the file. */
  async resultsOwn(starter: ImportStarter, jobId: string, afterIndex: number, limit: number): Promise<ItemResult[]> {
    return this.dataSource.query(
      `SELECT r.idx::float8 AS index, r.line::float8 AS line, r.stix_id AS "stixId", r.status, r.errors
       FROM import_job_result r JOIN import_job j ON j.id = r.job_id
       WHERE r.job_id = $1 AND j.organization_id = $2 AND j.user_id = $3 AND j.key_id IS NOT DISTINCT FROM $4::uuid AND r.idx > $5
       ORDER BY r.idx LIMIT $6`,
      [jobId, starter.organizationId, starter.userId, starter.keyId, afterIndex, limit],
    );
  }

  /** Asks the own job to stop: a queued job is cancelled at once, a running one after its current batch. */
  async cancelOwn(starter: ImportStarter, id: string): Promise<ImportJobRow | null> {
    return this.dataSource.transaction(async (manager) => {
      // An UPDATE answers [rows, count] through TypeORM.
      const [[row]]: [ImportJobRow[], number] = await manager.query(
        `UPDATE import_job SET cancel_requested = status IN ('queued', 'running'),
                status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
                finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
         WHERE id = $1 AND ${STARTER_CONDITION} AND status <> 'uploading'
         RETURNING ${JOB_COLUMNS}`,
        [id, starter.organizationId, starter.userId, starter.keyId],
      );
      if (row?.status === 'cancelled') await manager.query(`DELETE FROM import_upload_chunk WHERE job_id = $1`, [id]);
      return row ?? null;
    });
  }

  // --- for the worker (no viewer: it runs what members queued) ---

  async find(id: string): Promise<ImportJobRow | null> {
    const [row]: ImportJobRow[] = await this.dataSource.query(`SELECT ${JOB_COLUMNS} FROM import_job WHERE id = $1`, [id]);
    return row ?? null;
  }

  async markRunning(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE import_job SET status = 'running', started_at = coalesce(started_at, now()) WHERE id = $1 AND status IN ('queued', 'running')`, [id]);
  }

  async cancelRequested(id: string): Promise<boolean> {
    const [row]: { cancel_requested: boolean }[] = await this.dataSource.query(`SELECT cancel_requested FROM import_job WHERE id = $1`, [id]);
    return row?.cancel_requested ?? true;
  }

  async readChunk(jobId: string, seq: number): Promise<Buffer | null> {
    const [row]: { data: Buffer }[] = await this.dataSource.query(`SELECT data FROM import_upload_chunk WHERE job_id = $1 AND seq = $2`, [jobId, seq]);
    return row?.data ?? null;
  }

  /**
   * Keeps the results of items met for the first time and counts them, in the caller's transaction
   * (the one storing their objects): an item a resumed job meets again is neither kept nor counted twice.
   */
  async recordResults(manager: EntityManager, jobId: string, results: ItemResult[]): Promise<void> {
    if (!results.length) return;
    await manager.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(index bigint, line bigint, "stixId" text, status text, errors jsonb)),
       inserted AS (
         INSERT INTO import_job_result (job_id, idx, line, stix_id, status, errors)
         SELECT $1, index, line, "stixId", status, coalesce(errors, '[]') FROM input
         ON CONFLICT DO NOTHING RETURNING status)
       UPDATE import_job SET read = read + (SELECT count(*) FROM inserted),
              accepted = accepted + (SELECT count(*) FROM inserted WHERE status = 'ACCEPTED'),
              duplicates = duplicates + (SELECT count(*) FROM inserted WHERE status = 'DUPLICATE'),
              rejected = rejected + (SELECT count(*) FROM inserted WHERE status = 'REJECTED')
       WHERE id = $1`,
      [jobId, storableJson(results)],
    );
  }

  async recordResultsNow(jobId: string, results: ItemResult[]): Promise<void> {
    await this.dataSource.transaction((manager) => this.recordResults(manager, jobId, results));
  }

  /** Items before `position` are all handled: a resumed job starts after them. */
  async checkpoint(jobId: string, position: number): Promise<void> {
    await this.dataSource.query(`UPDATE import_job SET position = greatest(position, $2) WHERE id = $1`, [jobId, position]);
  }

  /** The job's end; the uploaded file is no longer needed. */
  async finish(id: string, status: 'done' | 'failed' | 'cancelled', errors: ItemIssue[] = []): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE import_job SET status = $2, errors = $3, finished_at = now() WHERE id = $1`, [id, status, storableJson(errors)]);
      await manager.query(`DELETE FROM import_upload_chunk WHERE job_id = $1`, [id]);
    });
  }

  /** The key a job was started with, as it is now: revoked or expired keys run nothing more. */
  async keyState(keyId: string): Promise<{ distribution: 'INTERNAL' | 'CLIENTS'; usable: boolean } | null> {
    const [row]: { distribution: 'INTERNAL' | 'CLIENTS'; usable: boolean }[] = await this.dataSource.query(
      `SELECT distribution, revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AS usable FROM api_key WHERE id = $1`,
      [keyId],
    );
    return row ?? null;
  }

  // --- saved CSV mappings ---

  async saveMapping(organizationId: string, name: string, mapping: unknown): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO csv_mapping (organization_id, name, mapping) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id, name) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()`,
      [organizationId, name, JSON.stringify(mapping)],
    );
  }

  async mappings(organizationId: string): Promise<{ name: string; mapping: unknown; updatedAt: Date }[]> {
    return this.dataSource.query(`SELECT name, mapping, updated_at AS "updatedAt" FROM csv_mapping WHERE organization_id = $1 ORDER BY name`, [organizationId]);
  }

  async mapping(organizationId: string, name: string): Promise<unknown> {
    const [row]: { mapping: unknown }[] = await this.dataSource.query(`SELECT mapping FROM csv_mapping WHERE organization_id = $1 AND name = $2`, [organizationId, name]);
    return row?.mapping;
  }
}

const HOUR_MS = 60 * 60 * 1000;

// How JSON.stringify writes a NUL character or an unpaired surrogate (it writes a valid pair as is).
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/;

/**
 * Results and a job's errors quote the file (a refused id, a tag, a value): PostgreSQL refuses
 * U+0000 and half surrogate pairs in the JSON it stores, which would fail the batch or leave the job
 * unfinishable. They are written as U+FFFD instead. Written once as they are, and again only when
 * the text holds such an escape: results are written for every row of an import.
 */
function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (!UNSTORABLE_ESCAPE.test(json)) return json;
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? storableText(item) : item));
}

/** The first full hour (UTC) at or after `at`. */
export function nextFullHour(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS);
}
