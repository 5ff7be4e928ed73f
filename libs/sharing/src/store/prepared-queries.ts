import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { DataSource } from 'typeorm';

/**
 * Runs the read queries as named prepared statements. The feed queries take PostgreSQL longer to
 * plan than to run, and their text only varies with the viewer's kind and the filters used, so
 * each connection plans each shape once and then reuses the plan.
 */
@Injectable()
export class PreparedQueries {
  private readonly pool: pg.Pool;

  constructor(dataSource: DataSource) {
    this.pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
  }

  async rows<T>(sql: string, values: unknown[]): Promise<T[]> {
    const name = `hub_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    const result = await this.pool.query({ name, text: sql, values });
    return result.rows as T[];
  }
}
