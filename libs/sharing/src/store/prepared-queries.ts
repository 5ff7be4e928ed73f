import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HUB_LOGGER } from '@hub/platform';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

// Connections for the reads whose plan does not depend on the values bound: looked up by key
// (ids, observables, row keys) or the unfiltered feed, newest first. JIT compilation is off there:
// it only pays for long scans, and these queries are short.
const GENERIC_PLAN_OPTIONS = '-c plan_cache_mode=force_generic_plan -c jit=off';
const GENERIC_PLAN_CONNECTIONS = 10;

/**
 * Runs the read queries as named prepared statements. Their text only varies with the viewer's
 * kind and the filters used, so each connection parses each shape once.
 *
 * `rows` lets PostgreSQL plan each execution for the values bound (a filter on a rare label wants
 * another plan than one on a common label). `rowsWithGenericPlan` plans a statement once per
 * connection and reuses the plan: planning the feed query costs PostgreSQL about as much as
 * running it, so the hot reads whose best plan is the same for every value go there.
 */
@Injectable()
export class PreparedQueries implements OnModuleDestroy {
  private readonly pool: pg.Pool;
  private readonly genericPlanPool: pg.Pool;

  constructor(dataSource: DataSource, @Inject(HUB_LOGGER) logger: Logger) {
    this.pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    this.genericPlanPool = new pg.Pool({ ...this.pool.options, max: GENERIC_PLAN_CONNECTIONS, options: GENERIC_PLAN_OPTIONS });
    // An idle connection that breaks (e.g. the server restarts) is replaced on the next query; unhandled, it would stop the process.
    this.genericPlanPool.on('error', (error) => logger.warn({ err: error }, 'an idle database connection of the feed reads failed'));
  }

  async rows<T>(sql: string, values: unknown[]): Promise<T[]> {
    return this.run(this.pool, sql, values);
  }

  async rowsWithGenericPlan<T>(sql: string, values: unknown[]): Promise<T[]> {
    return this.run(this.genericPlanPool, sql, values);
  }

  async onModuleDestroy(): Promise<void> {
    await this.genericPlanPool.end();
  }

  private async run<T>(pool: pg.Pool, sql: string, values: unknown[]): Promise<T[]> {
    const name = `hub_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    const result = await pool.query({ name, text: sql, values });
    return result.rows as T[];
  }
}
