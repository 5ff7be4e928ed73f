// usage: node /tmp/firstq.mjs <dbname> [scope]
import { startHub } from '/work/main/dist/apps/hub-api/src/hub-app.js';
import { createLogger, loadHubConfig } from '/work/main/dist/libs/platform/src/index.js';
import pg from '/work/main/node_modules/pg/lib/index.js';
const db = process.argv[2]; const scope = process.argv[3] ?? 'READABLE';
const url = `postgres://postgres@127.0.0.1:5432/${db}`;
const c = new pg.Client({ connectionString: url }); await c.connect();
await c.query('DELETE FROM trend_profile');
const config = loadHubConfig({ PORT: '0', DATABASE_URL: url, HUB_DATA_DIR: '/tmp/firstq-data', LOG_LEVEL: 'error', HUB_JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789', HUB_DEFAULT_WARNINGLISTS: 'off' });
const hub = await startHub(config, createLogger('error'));
const gq = async (query, variables, token) => { const r = await fetch(`${hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) }); const b = await r.json(); if (b.errors) throw new Error(JSON.stringify(b.errors)); return b.data; };
const token = (await gq('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: 'member1@bench.test', p: 'benchmark passphrase 2026' })).login.token;
const day = (t) => new Date(t).toISOString().slice(0, 10);
const now = Date.now();
const input = { groupBy: 'OBJECT_TYPE', scope, bucket: 'WEEK', from: `${day(now - 84 * 864e5)}T00:00:00.000Z`, to: `${day(now + 864e5)}T00:00:00.000Z` };
const Q = 'query ($input: TrendInput!) { trends(input: $input) { total { count suppressed } } }';
if (process.env.GROUPINGS) {
  const ask = async (groupBy, sc) => { const t = performance.now(); const d = await gq(Q, { input: { ...input, groupBy, scope: sc } }, token); return [(performance.now() - t).toFixed(0), JSON.stringify(d.trends.total)]; };
  for (let round = 0; round < 2; round++) {
    await c.query('DELETE FROM trend_profile');
    console.log('default', ...(await ask('OBJECT_TYPE', 'READABLE')));
    for (const g of ['INDICATOR_TYPE', 'SECTOR', 'LABEL', 'TLP', 'SOURCE_KIND']) console.log(g, ...(await ask(g, 'READABLE')), 'sector-wide', ...(await ask(g, 'SECTOR_WIDE')));
    console.log('OBJECT_TYPE sector-wide', ...(await ask('OBJECT_TYPE', 'SECTOR_WIDE')));
  }
} else
for (let i = 0; i < (Number(process.env.N) || 3); i++) {
  if (i > 0 && process.env.COLD) await c.query('DELETE FROM trend_profile');
  const t = performance.now(); const cpu0 = process.cpuUsage();
  const d = await gq(Q, { input }, token);
  const cpu = process.cpuUsage(cpu0);
  console.log(`q${i} ${(performance.now() - t).toFixed(0)} ms hubcpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms`, JSON.stringify(d.trends.total));
}
await hub.close(); await c.end();
