import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AuditOutcome = 'success' | 'failure' | 'denied';
export type AuditActorKind = 'user' | 'key' | 'anonymous' | 'system';

/** One row per audited action. Read-only for the application: rows are inserted with plain SQL and never changed. */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Insertion order, for stable pages. */
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  outcome: AuditOutcome;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: AuditActorKind;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_organization_id', type: 'uuid', nullable: true })
  actorOrganizationId: string | null;

  @Column({ name: 'actor_key_id', type: 'uuid', nullable: true })
  actorKeyId: string | null;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;
}
