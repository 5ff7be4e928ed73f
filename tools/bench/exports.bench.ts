import type { BenchSuite } from './bench-suite';
import { round } from './stats';

const TARGET_OBJECTS_PER_SECOND = 50_000;
const TARGET_GROWTH_MB = 100;
const MB = 2 ** 20;

/**
 * A member's full STIX export: GET /export/stix with the bench member's login token, everything it
 * may read, one request, the bundle read as it streams (bytes and objects counted, nothing kept).
 * The hub runs in this process, so the process's memory is the hub's: sampled every 50 ms while the
 * export runs, its growth over the idle process before is what the export costs (the client here
 * holds one network chunk at a time).
 */
export const exportsSuite: BenchSuite = {
  name: 'exports',
  async run(seededHub) {
    const { hub, memberToken, objects: seeded } = await seededHub();
    const exportOnce = async (onChunk?: () => void) => {
      const response = await fetch(`${hub.url}/export/stix`, { headers: { authorization: `Bearer ${memberToken}` } });
      if (response.status !== 200 || !response.body) throw new Error(`GET /export/stix: ${response.status} ${await response.text()}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.length;
        // One object a line between the bundle's head line and its `]}` line (each ends with a line break).
        for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) lines++;
        onChunk?.();
      }
      return { bytes, objects: Math.max(0, lines - 2) };
    };

    // Warm up the plans and connections on a small export of the same shape.
    await fetch(`${hub.url}/export/stix?types=malware`, { headers: { authorization: `Bearer ${memberToken}` } }).then((response) => response.text());

    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sample = () => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    };
    const sampler = setInterval(sample, 50);
    // With node --expose-gc: what stays alive (a full collection each second), apart from garbage not yet collected.
    let peakLive = before.heapUsed;
    const collector = global.gc
      ? setInterval(() => {
          global.gc?.();
          peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
        }, 1000)
      : undefined;
    const started = process.hrtime.bigint();
    // CPU of this process (the hub, and the client reading): a figure the machine's other load does not inflate as much as the wall clock.
    const cpuBefore = process.cpuUsage();
    let result: { bytes: number; objects: number };
    try {
      result = await exportOnce();
    } finally {
      clearInterval(sampler);
      if (collector) clearInterval(collector);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    sample();
    const rate = result.objects / seconds;
    const rssGrowth = (peakRss - before.rss) / MB;
    const heapGrowth = (peakHeap - before.heapUsed) / MB;
    const live = collector ? `, live heap after full collections +${round((peakLive - before.heapUsed) / MB)} MB` : '';
    const sizeMb = result.bytes / MB;

    return [
      '| what | measured | target |',
      '| --- | --- | --- |',
      `| STIX bundle export of every object the bench member may read (${result.objects.toLocaleString('en')} of ${seeded.toLocaleString('en')} seeded; ${round(sizeMb)} MB), one request, read as it streams | ${Math.round(rate).toLocaleString('en')} objects/s (${round(seconds)} s; hub process CPU ${round(cpuSeconds)} s) | ≥ ${TARGET_OBJECTS_PER_SECOND.toLocaleString('en')} objects/s on 1,000,000 readable objects |`,
      `| hub memory during that export, peak over the idle process before it | RSS +${round(rssGrowth)} MB, heap +${round(heapGrowth)} MB${live} (the bundle is ${round(sizeMb)} MB) | < ${TARGET_GROWTH_MB} MB |`,
    ];
  },
};
