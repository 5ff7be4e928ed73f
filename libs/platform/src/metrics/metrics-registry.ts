/**
 * A small registry of counters, gauges and histograms, written out in the Prometheus text
 * exposition format (version 0.0.4) by hand. Label values come from a fixed set chosen by the hub
 * (operation names of the schema, route patterns, outcomes), never from what a caller sends, so
 * the number of series stays bounded.
 */
export type Labels = Record<string, string>;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Metric {
  render(): string[];
}

function seriesKey(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((key) => [key, labels[key]]));
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabelValue(value)}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function header(name: string, help: string, type: string): string[] {
  return [`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`];
}

function checkLabels(labels: Labels): void {
  for (const label of Object.keys(labels)) if (!LABEL_NAME.test(label) || label.startsWith('__') || label === 'le') throw new Error(`not a label name: ${label}`);
}

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    if (!(by >= 0)) return;
    const key = seriesKey(labels);
    const series = this.values.get(key);
    if (series) {
      series.value += by;
    } else {
      checkLabels(labels);
      this.values.set(key, { labels: { ...labels }, value: by });
    }
  }

  /** The current value of one series (for tests and collectors). */
  value(labels: Labels = {}): number {
    return this.values.get(seriesKey(labels))?.value ?? 0;
  }

  render(): string[] {
    return [...header(this.name, this.help, 'counter'), ...[...this.values.values()].map(({ labels, value }) => `${this.name}${labelText(labels)} ${numberText(value)}`)];
  }
}

export class Gauge implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly type: 'gauge' | 'counter' = 'gauge',
  ) {}

  set(value: number, labels: Labels = {}): void {
    this.values.set(seriesKey(labels), { labels: { ...labels }, value });
  }

  render(): string[] {
    return [...header(this.name, this.help, this.type), ...[...this.values.values()].map(({ labels, value }) => `${this.name}${labelText(labels)} ${numberText(value)}`)];
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels: Labels = {}): void {
    const key = seriesKey(labels);
    let series = this.series.get(key);
    if (!series) {
      checkLabels(labels);
      series = { labels: { ...labels }, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    this.buckets.forEach((bound, index) => {
      if (value <= bound) series.counts[index] += 1;
    });
    series.sum += value;
    series.count += 1;
  }

  render(): string[] {
    const lines = header(this.name, this.help, 'histogram');
    for (const { labels, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, index) => lines.push(`${this.name}_bucket${labelText({ ...labels, le: numberText(bound) })} ${counts[index]}`));
      lines.push(`${this.name}_bucket${labelText({ ...labels, le: '+Inf' })} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${numberText(sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines;
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();
  private readonly collectors: (() => Promise<void> | void)[] = [];

  counter(name: string, help: string): Counter {
    return this.add(name, new Counter(name, help));
  }

  /** A value read when scraped; `type` counter for totals kept elsewhere (e.g. the answer cache's hits). */
  gauge(name: string, help: string, type: 'gauge' | 'counter' = 'gauge'): Gauge {
    return this.add(name, new Gauge(name, help, type));
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    return this.add(name, new Histogram(name, help, [...buckets].sort((a, b) => a - b)));
  }

  /** Runs before each scrape, to set gauges from where the values live (the database, a pool, a cache). */
  collectWith(collector: () => Promise<void> | void): void {
    this.collectors.push(collector);
  }

  /** Every metric in the Prometheus text format; a collector that fails leaves its gauges at their last value. */
  async render(): Promise<string> {
    // One after another: a collector's own work (a query) is not counted by the next (the pool).
    for (const collect of this.collectors) {
      try {
        await collect();
      } catch {
        // A scrape still answers with what the other sources gave.
      }
    }
    return `${[...this.metrics.values()].flatMap((metric) => metric.render()).join('\n')}\n`;
  }

  private add<M extends Metric>(name: string, metric: M): M {
    if (!METRIC_NAME.test(name)) throw new Error(`not a metric name: ${name}`);
    if (this.metrics.has(name)) throw new Error(`metric ${name} is registered twice`);
    this.metrics.set(name, metric);
    return metric;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
