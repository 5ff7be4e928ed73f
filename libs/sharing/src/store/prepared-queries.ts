import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { HUB_LOGGER } from '@hub/platform';
import pg from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

/** A batch size safe to write into SQL text. */
function pageLimit(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > 10_000) throw new RangeError(`batch size ${size} is not an integer from 1 to 10000`);
  return size;
}

// Connections for the reads whose plan does not depend on the values bound: looked up by key
// (ids, observables, row keys) or the unfiltered feed, newest first. JIT compilation is off there:
// it only pays for long scans, and these queries are short.
const GENERIC_PLAN_OPTIONS = '-c plan_cache_mode=force_generic_plan -c jit=off';
const GENERIC_PLAN_CONNECTIONS = 10;
// An export holds its connection (and its transaction's snapshot) for as long as its client reads:
// exports get connections of their own, so that a few slow downloads never take the feed's.
const STREAM_CONNECTIONS = 4;

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
  private readonly streamPool: pg.Pool;

  constructor(dataSource: DataSource, @Inject(HUB_LOGGER) logger: Logger) {
    this.pool = (dataSource.driver as unknown as { master: pg.Pool }).master;
    this.genericPlanPool = new pg.Pool({ ...this.pool.options, max: GENERIC_PLAN_CONNECTIONS, options: GENERIC_PLAN_OPTIONS });
    // An idle connection that breaks (e.g. the server restarts) is replaced on the next query; unhandled, it would stop the process.
    this.genericPlanPool.on('error', (error) => logger.warn({ err: error }, 'an idle database connection of the feed reads failed'));
    this.streamPool = new pg.Pool({ ...this.pool.options, max: STREAM_CONNECTIONS, options: GENERIC_PLAN_OPTIONS });
    this.streamPool.on('error', (error) => logger.warn({ err: error }, 'an idle database connection of the exports failed'));
  }

  async rows<T>(sql: string, values: unknown[]): Promise<T[]> {
    return this.run(this.pool, sql, values);
  }

  async rowsWithGenericPlan<T>(sql: string, values: unknown[]): Promise<T[]> {
    return this.run(this.genericPlanPool, sql, values);
  }

  /**
   * Every row of one query, `batchSize` at a time, through a cursor: PostgreSQL plans and starts the
   * query once, then each FETCH carries on where the last one stopped (keyset batches re-ran the
   * whole condition's start-up and planning each time). The next batch is fetched while the caller
   * handles this one, and no sooner: the database is read no faster than the caller consumes.
   *
   * One read-only transaction holds the cursor, so the rows are those of one snapshot. Each FETCH is
   * a statement of its own, so a request's statement timeout bounds each batch, not the whole read.
   * A caller that stops early (`return()` on the generator) rolls the transaction back.
   */
  async *batches<T>(sql: string, values: unknown[], batchSize: number): AsyncGenerator<T[]> {
    const limit = pageLimit(batchSize);
    const client = await this.streamPool.connect();
    let committed = false;
    let broken: Error | undefined;
    // The connection sits idle between FETCHes while the client reads: a connection lost then is
    // reported here (unheard, it would stop the process), and the next FETCH fails with it.
    const lost = (error: Error) => (broken = error);
    client.on('error', lost);
    try {
      await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query({ text: `DECLARE hub_batches NO SCROLL CURSOR FOR ${sql}`, values });
      // pg's callback form, wrapped here: with the promise pg's query() returns, V8 found every row
      // of a FETCH still alive at the next young-generation collection and the one after, so each
      // row was moved to the old generation, where only a full collection frees it (an export's
      // whole text piled up as garbage, hundreds of MB). With the callback, a batch dies young.
      const fetch = () =>
        new Promise<pg.QueryResult>((resolve, reject) => client.query(`FETCH ${limit} FROM hub_batches`, (error: Error | undefined, result: pg.QueryResult) => (error ? reject(error) : resolve(result))));
      let pending = fetch();
      for (;;) {
        const { rows } = await pending;
        const more = rows.length === batchSize;
        if (more) {
          pending = fetch();
          // Awaited on the next turn; a caller that stops early must not leave its failure unhandled.
          pending.catch(() => undefined);
        }
        if (rows.length) yield rows as T[];
        if (!more) break;
      }
      await client.query('COMMIT');
      committed = true;
    } finally {
      // After a failure, or when the caller stopped early (the ROLLBACK queues behind a FETCH still
      // running). A connection that cannot even roll back is closed rather than handed out again.
      if (!committed && !broken) broken = await client.query('ROLLBACK').then(() => undefined, (error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      client.off('error', lost);
      client.release(broken);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.genericPlanPool.end(), this.streamPool.end()]);
  }

  private async run<T>(pool: pg.Pool, sql: string, values: unknown[]): Promise<T[]> {
    const name = `hub_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    const result = await pool.query({ name, text: sql, values });
    return result.rows as T[];
  }
}
