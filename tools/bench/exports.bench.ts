import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TrendCatchUpService } from '@hub/trends';
import type { BenchSuite } from './bench-suite';
import type { ExportDownload } from './export-client';
import { removeLabelledObjects, seedReadableIndicators } from './seed';
import { round } from './stats';

const TARGET_OBJECTS_PER_SECOND = 50_000;
const TARGET_GROWTH_MB = 100;
const MB = 2 ** 20;
/** What the target names: an export of this many readable objects. */
const READABLE_OBJECTS = 1_000_000;
const TOP_UP_LABEL = 'bench-export-readable';
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
 * other, after the one that counts what the member reads (and the top-up to 1,000,000 readable
 * objects): the first of them finds less of the tables cached than the second.
 */
export const exportsSuite: BenchSuite = {
  name: 'exports',
  async run(seededHub) {
    const { hub, databaseUrl, memberToken, objects: seeded } = await seededHub();
    await removeLabelledObjects(databaseUrl, TOP_UP_LABEL);
    try {
      // The seeded member reads about 70 % of the seeded set; the target is an export of 1,000,000
      // readable objects, so the difference is added as CLEAR indicators (counted by an export).
      const readable = (await download(`${hub.url}/export/stix`, memberToken)).objects;
      const added = Math.max(0, READABLE_OBJECTS - readable);
      if (added) {
        await seedReadableIndicators(databaseUrl, added, TOP_UP_LABEL);
        // Taken into the trend tables now, so that the background catch-up does not run during the exports.
        await hub.app.get(TrendCatchUpService).catchUp();
      }
      return await measureExports(hub.url, memberToken, seeded, added);
    } finally {
      await removeLabelledObjects(databaseUrl, TOP_UP_LABEL);
    }
  },
};

async function measureExports(hubUrl: string, memberToken: string, seeded: number, added: number): Promise<string[]> {
  // Warm up the plans and connections on a small export of the same shape.
  await fetch(`${hubUrl}/export/stix?types=malware`, { headers: { authorization: `Bearer ${memberToken}` } }).then((response) => response.text());

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
      result = await download(`${hubUrl}/export/stix`, memberToken);
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
    `| STIX bundle export of every object the bench member may read (${second.objects.toLocaleString('en')}: ${(second.objects - added).toLocaleString('en')} of the ${seeded.toLocaleString('en')} seeded and ${added.toLocaleString('en')} CLEAR indicators added for this suite; ${sizeMb} MB), one request, read as it streams by a client process | ${rate(first)} | ${rate(second)} | ≥ ${TARGET_OBJECTS_PER_SECOND.toLocaleString('en')} objects/s on 1,000,000 readable objects |`,
    `| the hub process's memory during that export, peak over the idle process before it | ${memory(first)} | ${memory(second)} | < ${TARGET_GROWTH_MB} MB |`,
  ];
}
