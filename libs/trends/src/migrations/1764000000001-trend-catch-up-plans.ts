import { MigrationInterface, QueryRunner } from 'typeorm';
import { TREND_FUNCTIONS } from './1764000000000-trends';

/**
 * Brings the trend functions of databases migrated before these fixes to the current definitions:
 * the catch-up planned each batch for generic arrays and looked up the objects standing on newly
 * stored ones with one "required_refs && long array" condition, which scanned every stored row
 * (seconds to minutes per batch of 20,000 on a million objects).
 */
export class TrendCatchUpPlans1764000000001 implements MigrationInterface {
  name = 'TrendCatchUpPlans1764000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of TREND_FUNCTIONS) await queryRunner.query(statement);
  }

  async down(): Promise<void> {
    // The earlier definitions counted the same; nothing to restore.
  }
}
