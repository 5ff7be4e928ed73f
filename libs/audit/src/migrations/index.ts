import { AuditLog1763800500000 } from './1763800500000-audit-log';

export const auditMigrations = [AuditLog1763800500000];
