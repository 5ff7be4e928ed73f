import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { BenchSuite } from './bench-suite';
import type { ExportDownload } from './export-client';
import { round } from './stats';

const TARGET_OBJECTS_PER_SECOND = 50_000;
const TARGET_GROWTH_MB = 100;
const MB = 2 ** 20;
const CLIENT = join(import.meta.dirname, 'export-client.js');

/** Downloads the export in the client process (export-client.ts) and returns what it counted. */
function download(url: string, token: string): Promise<ExportDownload> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLIENT, JSON.stringify({ url, token })], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 || !output.startsWith('{')) return reject(new Error(`the export client exited with ${code} without a complete download`));
      const result = JSON.parse(output) as ExportDownload;
      if (result.status !== 200) return reject(new Error(`GET /export/stix: ${result.status}`));
      resolve(result);
    });
  });
}

interface MeasuredExport extends ExportDownload {
  cpuSeconds: number;
  rssGrowth: number;
  heapGrowth: number;
  /** With node --expose-gc: the heap after a full collection each second, peak over the idle process. */
  liveGrowth?: number;
}

/**
 * A member's full STIX export: GET /export/stix with the bench member's login token, everything it
 * may read, one request. The hub runs in this process and nothing else does: the bundle is read by a
 * client process (export-client.ts) that counts bytes and objects as they stream and keeps nothing.
 * This process's memory, sampled every 50 ms while the export runs, over the idle process before,
 * is what the export costs the hub; its CPU time is the hub's alone. Two exports one after the
 * other: the first reads the tables from disk as much as from memory, the second finds them cached.
 */
export const exportsSuite: BenchSuite = {
  name: 'exports',
  async run(seededHub) {
    const { hub, memberToken, objects: seeded } = await seededHub();

    // Warm up the plans and connections on a small export of the same shape.
    await fetch(`${hub.url}/export/stix?types=malware`, { headers: { authorization: `Bearer ${memberToken}` } }).then((response) => response.text());

    const measure = async (): Promise<MeasuredExport> => {
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
      const cpuBefore = process.cpuUsage();
      let result: ExportDownload;
      try {
        result = await download(`${hub.url}/export/stix`, memberToken);
      } finally {
        clearInterval(sampler);
        if (collector) clearInterval(collector);
      }
      const cpu = process.cpuUsage(cpuBefore);
      sample();
      return {
        ...result,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        rssGrowth: (peakRss - before.rss) / MB,
        heapGrowth: (peakHeap - before.heapUsed) / MB,
        ...(collector ? { liveGrowth: (peakLive - before.heapUsed) / MB } : {}),
      };
    };
    const first = await measure();
    const second = await measure();

    const rate = (run: MeasuredExport) => `${Math.round(run.objects / run.seconds).toLocaleString('en')} objects/s (${round(run.seconds)} s; hub CPU ${round(run.cpuSeconds)} s)`;
    const memory = (run: MeasuredExport) =>
      `RSS +${round(run.rssGrowth)} MB, heap +${round(run.heapGrowth)} MB${run.liveGrowth === undefined ? '' : `, live heap after full collections +${round(run.liveGrowth)} MB`}`;
    const sizeMb = round(second.bytes / MB);
    return [
      '| what | first export | second export | target |',
      '| --- | --- | --- | --- |',
      `| STIX bundle export of every object the bench member may read (${second.objects.toLocaleString('en')} of ${seeded.toLocaleString('en')} seeded; ${sizeMb} MB), one request, read as it streams by a client process | ${rate(first)} | ${rate(second)} | ≥ ${TARGET_OBJECTS_PER_SECOND.toLocaleString('en')} objects/s on 1,000,000 readable objects |`,
      `| the hub process's memory during that export, peak over the idle process before it | ${memory(first)} | ${memory(second)} | < ${TARGET_GROWTH_MB} MB |`,
    ];
  },
};
