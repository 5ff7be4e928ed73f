import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';
import type { Browser } from 'playwright-core';

// @sparticuz/chromium is made for serverless hosts: some of its default flags switch off the very
// protections the console's tests check (same-origin policy, mixed content, site isolation). They are dropped.
const UNSAFE_FLAGS = ['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials', '--single-process'];

/**
 * Headless Chromium from the @sparticuz/chromium package (unpacked into /tmp on first use; no download),
 * driven by playwright-core. Runs as root (no sandbox), as on CI. Shared by the browser tests and the
 * console benchmark, so both measure the same browser.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = await chromium.executablePath();
  const args = chromium.args.filter((flag) => !UNSAFE_FLAGS.includes(flag) && !flag.startsWith('--disable-features='));
  return playwright.launch({ executablePath, args, headless: true, timeout: 60_000 });
}
