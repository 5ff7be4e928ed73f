export { AuditModule } from './audit.module';
export { AuditService } from './audit.service';
export type { AuditEntry, AuditLogFilter } from './audit.service';
export type { AuditOutcome, AuditActorKind } from './audit-log.entity';
export { AuditLogEntryType } from './audit-log-entry.type';
export { auditMigrations } from './migrations';
