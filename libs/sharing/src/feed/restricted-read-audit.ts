import { Injectable } from '@nestjs/common';
import { tlpRank, Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { DataSource } from 'typeorm';
import { StixObjectRow } from './stix-object.row';

/**
 * The policy asks for a trace of every read of AMBER and RED content: one audit row per request
 * that returned any, listing them. Reads are the hot path, so the row is committed without waiting
 * for the disk flush (synchronous_commit off): it is written in order with everything else and
 * only a crash of PostgreSQL itself within a fraction of a second could lose it.
 */
@Injectable()
export class RestrictedReadAudit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async record(viewer: Viewer, rows: StixObjectRow[], ip: string | undefined): Promise<void> {
    const restricted = rows.filter((row) => row.tlp >= tlpRank('AMBER'));
    if (!restricted.length || viewer.kind === 'anonymous') return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL synchronous_commit TO OFF');
      await this.audit.record(
        { action: 'object.read', viewer, ip, details: { objects: restricted.map((row) => ({ id: row.id, modified: row.modified, tlp: row.tlp })) } },
        manager,
      );
    });
  }
}
