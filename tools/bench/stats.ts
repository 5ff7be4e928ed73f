/** Percentile of already collected samples (nearest-rank), in the samples' unit. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Runs `work` repeatedly and returns each run's duration in milliseconds. */
export async function timeRuns(runs: number, work: (run: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    await work(run);
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return durations;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `clients` concurrent loops, each sending requests back to back for `seconds`; bounded in time. */
export async function runLoad(clients: number, seconds: number, request: (client: number, iteration: number) => Promise<boolean>): Promise<LoadResult> {
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let iteration = 0; Date.now() < deadline; iteration += 1) {
        const begin = process.hrtime.bigint();
        const ok = await request(client, iteration).catch(() => false);
        latencies.push(Number(process.hrtime.bigint() - begin) / 1e6);
        if (!ok) errors += 1;
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  return { requests: latencies.length, seconds: round(elapsed), perSecond: round(latencies.length / elapsed, 0), p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), errors };
}
