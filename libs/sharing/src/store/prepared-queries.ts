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
// An export holds its connections (and its transactions' snapshot) for as long as its client reads:
// exports get connections of their own, so that a few slow downloads never take the feed's. At most
// STREAM_READS at once, each in up to STREAM_PARTS parts, a connection each.
const STREAM_READS = 4;
export const STREAM_PARTS = 2;
const STREAM_CONNECTIONS = STREAM_READS * STREAM_PARTS;

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
  private streamReads = 0;
  private readonly streamWaiting: (() => void)[] = [];

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
   * Every row of a query, `batchSize` at a time, through cursors: PostgreSQL plans and starts each
   * query once, then each FETCH carries on where the last one stopped (keyset batches re-ran the
   * whole condition's start-up and planning each time). `sqls` are the parts of one read, each
   * with the same condition and a disjoint split of the rows ANDed to it, each ordered by `pk`
   * descending: each part has a connection and a cursor of its own, read at once (PostgreSQL's
   * per-row work on both cores), and their rows come merged by `pk`, newest first, as one query
   * would give them. Each cursor fetches its next batch while the caller handles this one, and no
   * sooner: the database is read no faster than the caller consumes.
   *
   * One read-only snapshot for every part: the first connection's transaction exports it
   * (pg_export_snapshot) and the others take it (SET TRANSACTION SNAPSHOT), so the rows are those
   * of one moment. Each FETCH is a statement of its own, so a request's statement timeout bounds
   * each batch, not the whole read. A caller that stops early (`return()` on the generator) rolls
   * every transaction back.
   */
  async *batches<T extends { pk: string }>(sqls: readonly string[], values: unknown[], batchSize: number): AsyncGenerator<T[]> {
    const limit = pageLimit(batchSize);
    if (!sqls.length || sqls.length > STREAM_PARTS) throw new RangeError(`a read in ${sqls.length} parts: 1 to ${STREAM_PARTS}`);
    const done = await this.streamSlot();
    const connections: { client: pg.PoolClient; lost: (error: Error) => void; broken?: Error }[] = [];
    let committed = false;
    try {
      for (const _sql of sqls) {
        const connection = { client: await this.streamPool.connect() } as (typeof connections)[number];
        // The connection sits idle between FETCHes while the client reads: a connection lost then is
        // reported here (unheard, it would stop the process), and the next FETCH fails with it.
        connection.lost = (error: Error) => (connection.broken = error);
        connection.client.on('error', connection.lost);
        connections.push(connection);
      }
      const [first, ...others] = connections;
      await first.client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      if (others.length) {
        const [{ snapshot }] = (await first.client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows;
        // Written into the statement (SET TRANSACTION SNAPSHOT takes no parameter): PostgreSQL's own id, checked all the same.
        if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
        for (const { client } of others) {
          await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
          await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
        }
      }
      const parts = connections.map(({ client }, index) => cursorBatches<T>(client, sqls[index], values, limit));
      const heads: { rows: T[]; at: number; part: AsyncGenerator<T[]> }[] = [];
      const firsts = await Promise.all(parts.map((part) => part.next()));
      firsts.forEach((first, index) => {
        if (!first.done) heads.push({ rows: first.value, at: 0, part: parts[index] });
      });
      let batch: T[] = [];
      while (heads.length) {
        let newest = 0;
        for (let index = 1; index < heads.length; index++) {
          if (comparePks(heads[index].rows[heads[index].at].pk, heads[newest].rows[heads[newest].at].pk) > 0) newest = index;
        }
        const head = heads[newest];
        batch.push(head.rows[head.at++]);
        if (head.at === head.rows.length) {
          const next = await head.part.next();
          if (next.done) heads.splice(newest, 1);
          else {
            head.rows = next.value;
            head.at = 0;
          }
        }
        if (batch.length === limit) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      for (const { client } of connections) await client.query('COMMIT');
      committed = true;
    } finally {
      // After a failure, or when the caller stopped early (the ROLLBACK queues behind a FETCH still
      // running). A connection that cannot even roll back is closed rather than handed out again.
      for (const connection of connections) {
        if (!committed && !connection.broken) {
          connection.broken = await connection.client.query('ROLLBACK').then(
            () => undefined,
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          );
        }
        connection.client.off('error', connection.lost);
        connection.client.release(connection.broken);
      }
      done();
    }
  }

  /** Waits for one of the STREAM_READS reads allowed at once; the function returned gives the place back. */
  private async streamSlot(): Promise<() => void> {
    // Places, not connections, are counted: reads taking their connections one by one from a pool
    // could each hold one and wait for another for ever.
    if (this.streamReads < STREAM_READS) this.streamReads++;
    else await new Promise<void>((resolve) => this.streamWaiting.push(resolve));
    return () => {
      const next = this.streamWaiting.shift();
      // The place goes to the next read waiting, or back to the count.
      if (next) next();
      else this.streamReads--;
    };
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

/** Which of two bigint keys (as pg gives them: decimal text, positive) is larger: > 0 when `a` is. */
function comparePks(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The rows of one cursor on `client` (in a transaction already begun), `limit` at a time, the next
 * FETCH sent as each batch is handed over.
 */
async function* cursorBatches<T>(client: pg.PoolClient, sql: string, values: unknown[], limit: number): AsyncGenerator<T[]> {
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
    const more = rows.length === limit;
    if (more) {
      pending = fetch();
      // Awaited on the next turn; a caller that stops early must not leave its failure unhandled.
      pending.catch(() => undefined);
    }
    if (rows.length) yield rows as T[];
    if (!more) return;
  }
}
