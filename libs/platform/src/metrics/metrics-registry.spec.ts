import { MetricsRegistry } from './metrics-registry';

describe('MetricsRegistry', () => {
  it('writes counters, gauges and histograms in the Prometheus text format', async () => {
    const registry = new MetricsRegistry();
    const requests = registry.counter('hub_requests_total', 'Requests');
    const pool = registry.gauge('hub_pool', 'Pool\nconnections');
    const latency = registry.histogram('hub_seconds', 'Latency', [1, 0.1]);
    requests.inc({ operation: 'query objects', outcome: 'ok' });
    requests.inc({ outcome: 'ok', operation: 'query objects' }, 2);
    requests.inc({ operation: 'say "hi"\\\n', outcome: 'ok' });
    pool.set(3, { state: 'idle' });
    latency.observe(0.05, { operation: 'x' });
    latency.observe(0.5, { operation: 'x' });
    latency.observe(5, { operation: 'x' });
    expect(await registry.render()).toBe(
      [
        '# HELP hub_requests_total Requests',
        '# TYPE hub_requests_total counter',
        'hub_requests_total{operation="query objects",outcome="ok"} 3',
        'hub_requests_total{operation="say \\"hi\\"\\\\\\n",outcome="ok"} 1',
        '# HELP hub_pool Pool\\nconnections',
        '# TYPE hub_pool gauge',
        'hub_pool{state="idle"} 3',
        '# HELP hub_seconds Latency',
        '# TYPE hub_seconds histogram',
        'hub_seconds_bucket{operation="x",le="0.1"} 1',
        'hub_seconds_bucket{operation="x",le="1"} 2',
        'hub_seconds_bucket{operation="x",le="+Inf"} 3',
        'hub_seconds_sum{operation="x"} 5.55',
        'hub_seconds_count{operation="x"} 3',
        '',
      ].join('\n'),
    );
  });

  it('reads collected values when rendered; a collector that fails leaves the others', async () => {
    const registry = new MetricsRegistry();
    const stored = registry.gauge('hub_stored', 'Stored');
    const hits = registry.gauge('hub_hits_total', 'Hits', 'counter');
    let source = 1;
    registry.collectWith(() => {
      throw new Error('database down');
    });
    registry.collectWith(async () => stored.set(source));
    registry.collectWith(() => hits.set(source * 10));
    expect(await registry.render()).toContain('hub_stored 1\n');
    source = 2;
    const text = await registry.render();
    expect(text).toContain('hub_stored 2\n');
    expect(text).toContain('# TYPE hub_hits_total counter\nhub_hits_total 20\n');
  });

  it('refuses names Prometheus cannot read, and a name registered twice', () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter('hub-requests', 'x')).toThrow('not a metric name');
    registry.counter('hub_x_total', 'x');
    expect(() => registry.gauge('hub_x_total', 'x')).toThrow('registered twice');
    expect(() => registry.counter('hub_y_total', 'y').inc({ 'bad-label': 'x' })).toThrow('not a label name');
  });
});
