import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from './metrics-registry';

const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The hub's metrics. Always counted (a counter is one addition); served at GET /metrics only when
 * HUB_METRICS is on. Features count what only they see with one line (`metrics.alertsDelivered.inc()`).
 */
@Injectable()
export class HubMetrics {
  readonly registry = new MetricsRegistry();
  readonly requests = this.registry.counter('hub_requests_total', 'HTTP requests answered, by operation (GraphQL root field or route) and outcome (ok or the error code or class)');
  readonly requestSeconds = this.registry.histogram('hub_request_duration_seconds', 'Time to answer an HTTP request, by operation', LATENCY_BUCKETS_SECONDS);
  readonly alertsDelivered = this.registry.counter('hub_alerts_delivered_total', 'Alerts raised by watch filters and kept in their owners\' inboxes (then delivered live to their subscriptions)');
  readonly answerCacheHits = this.registry.gauge('hub_answer_cache_hits_total', 'Reads answered from the answer cache', 'counter');
  readonly storedObjectVersions = this.registry.gauge('hub_stored_object_versions', 'STIX object versions stored (every version is a row)');
  readonly databasePool = this.registry.gauge('hub_database_pool_connections', 'Connections of the database pool, by state (total, idle, waiting requests, max)');
}

/** Reads the database figures when scraped: the stored versions and the pool. */
@Injectable()
class DatabaseMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: HubMetrics,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.registry.collectWith(async () => {
      const [{ rows }] = await this.dataSource.query('SELECT count(*)::bigint AS rows FROM stix_object');
      this.metrics.storedObjectVersions.set(Number(rows));
    });
    this.metrics.registry.collectWith(() => {
      const pool = (this.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number; options?: { max?: number } } }).master;
      if (!pool) return;
      this.metrics.databasePool.set(pool.totalCount, { state: 'total' });
      this.metrics.databasePool.set(pool.idleCount, { state: 'idle' });
      this.metrics.databasePool.set(pool.waitingCount, { state: 'waiting' });
      if (pool.options?.max !== undefined) this.metrics.databasePool.set(pool.options.max, { state: 'max' });
    });
  }
}

@Global()
@Module({ providers: [HubMetrics, DatabaseMetrics], exports: [HubMetrics] })
export class MetricsModule {}
