import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { tlpRank } from '@hub/access';
import { PATIENT_CARE_EXTENSION_ID, patientCareExtensionDefinition } from '@hub/incident-rules';
import { AuditService } from '@hub/audit';
import { HUB_CONFIG, HUB_LOGGER } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

// Any fixed number: replicas starting together publish the definition once.
const PUBLISH_LOCK = 4_242_318;

/**
 * Publishes the hub's patient-care extension-definition as a TLP:CLEAR object, created by the hub operator's
 * identity and stored as the operator organisation's (submitted by its first admin), so that anyone reads it
 * through `objects`. Idempotent: the id is fixed and nothing happens when it is stored. A hub whose operator
 * has no person yet (no HUB_ADMIN_EMAIL) publishes it on the first start after one exists.
 */
@Injectable()
export class PatientCareDefinitionBootstrap implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.publishExtensions) await this.publish();
  }

  /** True when the definition is stored (now or before). */
  async publish(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
      // The id is reserved for the operator (the writer refuses it to members); a row of anyone else's,
      // stored before that rule, is not the hub's definition and must not be taken for it.
      const [existing]: { operator: boolean }[] = await manager.query(
        `SELECT coalesce(org.is_operator, false) AS operator FROM stix_object_owner ow LEFT JOIN organization org ON org.id = ow.source_org_id WHERE ow.id = $1
         UNION ALL SELECT false FROM stix_object o WHERE o.id = $1 AND NOT EXISTS (SELECT 1 FROM stix_object_owner ow WHERE ow.id = o.id)
         LIMIT 1`,
        [PATIENT_CARE_EXTENSION_ID],
      );
      if (existing?.operator) return true;
      if (existing) {
        this.logger.error({ id: PATIENT_CARE_EXTENSION_ID }, 'the patient-care extension-definition id is held by an organisation other than the hub operator; the definition is not published until an admin removes that object');
        return false;
      }
      const [operator]: { id: string; identity_id: string; user_id: string }[] = await manager.query(
        `SELECT o.id, o.identity_id, u.id AS user_id
         FROM organization o JOIN hub_user u ON u.organization_id = o.id
         WHERE o.is_operator ORDER BY u.created_at, u.id LIMIT 1`,
      );
      if (!operator) {
        this.logger.info('the patient-care extension-definition waits for the hub operator organisation and its first admin');
        return false;
      }
      const definition = patientCareExtensionDefinition({ createdByRef: operator.identity_id });
      await manager.query(
        `INSERT INTO stix_object (id, type, spec_version, created, modified, revoked, tlp, readers, audience, source_org_id, submitted_by, anonymous, name, stix)
         VALUES ($1, 'extension-definition', '2.1', $2, $2, false, $3, '{}', $4, $5, $6, false, $7, $8)`,
        [definition.id, definition.created, tlpRank('CLEAR'), JSON.stringify({ organizationIds: [], sharingGroupIds: [], audiences: [], userIds: [] }), operator.id, operator.user_id, definition.name, JSON.stringify(definition)],
      );
      await manager.query('INSERT INTO stix_object_owner (id, source_org_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [definition.id, operator.id]);
      // Every stored object has a record of how it came in; this one by the hub itself, for the operator.
      await this.audit.record(
        { action: 'object.publish', targetType: 'stix_object', targetId: definition.id, details: { objectIds: [definition.id], organizationId: operator.id } },
        manager,
      );
      this.logger.info({ id: definition.id }, 'patient-care extension-definition published');
      return true;
    });
  }
}
