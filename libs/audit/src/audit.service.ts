import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Viewer } from '@hub/access';
import { HubError } from '@hub/platform';
import type { Connection } from '@hub/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';
import type { AuditActorKind, AuditOutcome } from './audit-log.entity';
import { withoutSecrets } from './without-secrets';

export interface AuditEntry {
  /** What happened, dotted lower case: `auth.login`, `api_key.use`, `organization.create`, `object.read` ... */
  action: string;
  /** Who: absent for the hub itself (first start, the operators' command line). */
  viewer?: Viewer;
  targetType?: string;
  targetId?: string;
  /** From where: the client address. */
  ip?: string;
  outcome?: AuditOutcome;
  /** Facts about the action; never passwords, keys, tokens or object contents (fields named like secrets are dropped). */
  details?: Record<string, unknown>;
}

export interface AuditLogFilter {
  action?: string;
  actorUserId?: string;
  organizationId?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
  outcome?: AuditOutcome;
}

// Rows in the order given (seq follows it); one statement whatever their number.
const INSERT_SQL = `
  INSERT INTO audit_log (action, outcome, actor_kind, actor_user_id, actor_organization_id, actor_key_id, target_type, target_id, ip, details)
  SELECT action, outcome, actor_kind, actor_user_id, actor_organization_id, actor_key_id, target_type, target_id, ip, details
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (action text, outcome text, actor_kind text, actor_user_id uuid, actor_organization_id uuid,
         actor_key_id uuid, target_type text, target_id text, ip text, details jsonb)) WITH ORDINALITY AS r
   ORDER BY r.ordinality`;

/** The append-only audit log: who did what, when, from where, with what outcome. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One insert. Pass `manager` to write the row in the caller's transaction, so the action and its record commit together. */
  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  /** Several rows in one insert (e.g. the reads of many requests written together). */
  async recordMany(entries: AuditEntry[], manager?: EntityManager): Promise<void> {
    if (!entries.length) return;
    await (manager ?? this.dataSource.manager).query(INSERT_SQL, [JSON.stringify(entries.map(toRow))]);
  }

  /** Newest first, a page at a time; the cursor is the row's insertion number. */
  async page(filter: AuditLogFilter, size: number, afterSeq: string | undefined): Promise<Connection<AuditLogEntity>> {
    const query = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.actorUserId) query.andWhere('a.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.organizationId) query.andWhere('a.actor_organization_id = :organizationId', { organizationId: filter.organizationId });
    if (filter.targetId) query.andWhere('a.target_id = :targetId', { targetId: filter.targetId });
    if (filter.outcome) query.andWhere('a.outcome = :outcome', { outcome: filter.outcome });
    if (filter.since) query.andWhere('a.occurred_at >= :since', { since: filter.since });
    if (filter.until) query.andWhere('a.occurred_at < :until', { until: filter.until });
    const totalCount = await query.clone().getCount();
    if (afterSeq) query.andWhere('a.seq < :afterSeq', { afterSeq });
    const rows = await query.orderBy('a.seq', 'DESC').take(size + 1).getMany();
    const page = rows.slice(0, size);
    const edges = page.map((row) => ({ cursor: encodeSeq(row.seq), node: row }));
    return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null }, totalCount };
  }
}

export function encodeSeq(seq: string): string {
  return Buffer.from(`audit:${seq}`, 'utf8').toString('base64url');
}

export function decodeSeq(cursor: string): string {
  const match = /^audit:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw HubError.badInput('Invalid input: after is not a cursor from this list', [{ path: 'after', message: 'is not a cursor from this list' }]);
  return match[1];
}

function toRow(entry: AuditEntry) {
  const viewer = entry.viewer;
  const actorKind: AuditActorKind = viewer ? viewer.kind : 'system';
  const member = viewer && viewer.kind !== 'anonymous' ? viewer : undefined;
  return {
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    actor_kind: actorKind,
    actor_user_id: member?.userId ?? null,
    actor_organization_id: member?.organizationId ?? null,
    actor_key_id: member?.keyId ?? null,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId ?? null,
    ip: entry.ip ?? null,
    details: withoutSecrets(entry.details ?? {}),
  };
}
