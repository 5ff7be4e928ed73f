import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser/headless-chromium';
import type { BenchSuite } from './bench-suite';
import { BENCH_MEMBER_EMAIL, BENCH_PASSWORD } from './seed';
import { percentile, round } from './stats';

const RUNS = 10;
const BUDGET_KB = 300;
const BUDGET_MS = 1_000;

export interface ConsoleBenchResult {
  scripts: { files: number; gzipKb: number };
  feed: { firstMs: number; p50: number; max: number };
  trends: { firstMs: number; p50: number; max: number };
}

/** The built console's folder (dist/apps/hub-web), found from this file (dist/tools/bench when built). */
function consoleDist(): string {
  for (let dir = import.meta.dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'apps/hub-web/index.html');
    try {
      readFileSync(candidate);
      return dirname(candidate);
    } catch {
      // not here: one folder up
    }
  }
  throw new Error('the console is not built: run npm run build');
}

/**
 * One sign-in in a fresh browser context (no cookie, no cache): the time from the click on "Sign
 * in" to the feed's first object drawn, then from following the "Trends" link to the dashboard's
 * answer drawn. The JavaScript the first load fetched is counted by its gzip -9 size (what a
 * compressing proxy in front of the hub sends).
 */
async function oneVisit(browser: Browser, hubUrl: string, scripts: Set<string>): Promise<{ feedMs: number; trendsMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
    });
    await page.goto(`${hubUrl}/sign-in`);
    await page.getByLabel('E-mail address').fill(BENCH_MEMBER_EMAIL);
    await page.getByLabel('Password').fill(BENCH_PASSWORD);
    const signIn = performance.now();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('feed').getByRole('link').first().waitFor({ timeout: 30_000 });
    const feedMs = performance.now() - signIn;

    const toTrends = performance.now();
    await page.getByRole('link', { name: 'Trends', exact: true }).click();
    await page.getByTestId('trends-answer').waitFor({ timeout: 30_000 });
    const trendsMs = performance.now() - toTrends;
    return { feedMs, trendsMs };
  } finally {
    await context.close();
  }
}

export async function benchConsole(hubUrl: string): Promise<ConsoleBenchResult> {
  const browser = await launchBrowser();
  try {
    const scripts = new Set<string>();
    const visits = [];
    for (let run = 0; run < RUNS; run += 1) visits.push(await oneVisit(browser, hubUrl, scripts));
    const dist = consoleDist();
    const gzipBytes = [...scripts].reduce((sum, path) => sum + gzipSync(readFileSync(join(dist, path)), { level: 9 }).length, 0);
    const summary = (samples: number[]) => ({ firstMs: round(samples[0]), p50: round(percentile(samples, 50)), max: round(Math.max(...samples)) });
    return {
      scripts: { files: scripts.size, gzipKb: round(gzipBytes / 1024, 1) },
      feed: summary(visits.map((visit) => visit.feedMs)),
      trends: summary(visits.map((visit) => visit.trendsMs)),
    };
  } finally {
    await browser.close();
  }
}

export const consoleSuite: BenchSuite = {
  name: 'console',
  async run(seededHub) {
    const { hub } = await seededHub();
    const result = await benchConsole(hub.url);
    const row = (what: string, timing: ConsoleBenchResult['feed']) =>
      `| ${what} | first visit ${timing.firstMs} ms; over ${RUNS} visits p50 ${timing.p50} ms, max ${timing.max} ms | ≤ ${BUDGET_MS} ms |`;
    return [
      `Headless Chromium (@sparticuz/chromium through playwright-core, 1280×720), a fresh browser context for each of ${RUNS} visits, the seeded member signing in through the console's form.`,
      '',
      '| what | measured | budget |',
      '| --- | --- | --- |',
      `| JavaScript of the first load, gzip -9 | ${result.scripts.gzipKb} KB in ${result.scripts.files} files | ≤ ${BUDGET_KB} KB |`,
      row('feed: click on "Sign in" → first object of the first page drawn', result.feed),
      row('trends dashboard: click on "Trends" → the answer drawn (its default question)', result.trends),
    ];
  },
};
