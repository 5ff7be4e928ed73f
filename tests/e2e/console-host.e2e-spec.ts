import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assertConsoleBuilt } from '../support/browser';
import { startTestHub } from '../support/test-hub';
import type { TestHub } from '../support/test-hub';

const CONSOLE_DIR = join(process.cwd(), 'dist/apps/hub-web');
// The budget for the first load: at most 300 KB of compressed JavaScript.
const FIRST_LOAD_JS_BUDGET = 300 * 1024;

/** The hub serves the built console at `/` and its routes, and nothing else changes meaning. */
describe('the console on the hub (GET /)', () => {
  let hub: TestHub;

  beforeAll(async () => {
    assertConsoleBuilt();
    hub = await startTestHub();
  });

  afterAll(async () => {
    await hub?.close();
  });

  it.each(['/', '/feed', '/feed/', '/sign-in', '/objects/indicator--6b4a3c2e-0000-4000-8000-000000000001', '/lookup?type=ip&value=1.2.3.4', '/trends?groupBy=SECTOR', '/trends/briefing', '/admin/audit-log'])(
    'answers %s with the console page, a strict CSP and the usual security headers',
    async (path) => {
      const response = await fetch(`${hub.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(await response.text()).toBe(readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8'));
    },
  );

  it('adds HSTS when the request came over TLS', async () => {
    const response = await fetch(`${hub.url}/feed`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('the page has no inline script or style: every script is a same-origin file', () => {
    const html = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="\/assets\//);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });

  it(`loads at most ${FIRST_LOAD_JS_BUDGET / 1024} KB of compressed JavaScript first`, async () => {
    const html = await (await fetch(`${hub.url}/`)).text();
    const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]);
    expect(files.length).toBeGreaterThan(0);
    let total = 0;
    for (const file of files) {
      const response = await fetch(`${hub.url}${file}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toMatch(/immutable/);
      total += gzipSync(Buffer.from(await response.arrayBuffer()), { level: 9 }).length;
    }
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_JS_BUDGET);
  });

  it('keeps the meaning of /graphql, /taxii2/, /health and of unknown paths', async () => {
    const health = await fetch(`${hub.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const taxii = await fetch(`${hub.url}/taxii2/`, { headers: { accept: 'application/taxii+json;version=2.1' } });
    expect(taxii.headers.get('content-type')).not.toMatch(/html/);
    expect((await hub.graphql<{ hubInfo: { name: string } }>('{ hubInfo { name } }')).data?.hubInfo.name).toBeTruthy();
    for (const path of ['/nowhere', '/objects', '/objects/a/b', '/assets/missing.js', '/auth/nothing']) {
      const response = await fetch(`${hub.url}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.headers.get('content-type') ?? '').not.toMatch(/html/);
    }
    // Whatever /metrics is (or becomes), it is never the console's page.
    expect(await (await fetch(`${hub.url}/metrics`)).text()).not.toContain('<div id="root">');
  });
});
