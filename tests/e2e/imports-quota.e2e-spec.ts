import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { adminToken, createOrganization, createUser } from '../support/members';
import { postImport, waitForJob } from '../support/imports';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * Per-organisation import quotas (HUB_IMPORT_QUOTA_BYTES_PER_DAY, HUB_IMPORT_MAX_ACTIVE_JOBS): 429
 * RATE_LIMITED with what, why and when to try again; an upload past the quota is refused while it
 * arrives and nothing of it is kept; another organisation's uploads never count, nor show.
 */

const QUOTA = 2_000;
const MAPPING = JSON.stringify({ value: 'value', type: 'type' });
const CSV = { format: 'csv', tlp: 'GREEN', mapping: MAPPING };
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** A CSV of exactly `size` bytes: distinct addresses, padded in a description-less name column. */
function csvOf(size: number, seed: number): string {
  const header = 'value,type,name\n';
  const row = (n: number) => `198.51.${seed}.${n},ip,`;
  let text = header;
  let n = 1;
  while (text.length + row(n).length + 1 + 20 < size) text += `${row(n++)}x\n`;
  const last = row(n);
  return text + last + 'y'.repeat(size - text.length - last.length - 1) + '\n';
}

describe('imports: per-organisation quotas', () => {
  let hub: TestHub;
  let first: string;
  let second: string;
  let other: string;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_IMPORT_QUOTA_BYTES_PER_DAY: String(QUOTA), HUB_IMPORT_MAX_ACTIVE_JOBS: '1' });
    const admin = await adminToken(hub);
    const hospital = await createOrganization(hub, admin, { name: 'Quota hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const clinic = await createOrganization(hub, admin, { name: 'Quota clinic', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'SK' });
    first = (await createUser(hub, admin, { email: 'first@quota-hospital.test', role: 'MEMBER', organizationId: hospital.id })).token;
    second = (await createUser(hub, admin, { email: 'second@quota-hospital.test', role: 'ANALYST', organizationId: hospital.id })).token;
    other = (await createUser(hub, admin, { email: 'member@quota-clinic.test', role: 'MEMBER', organizationId: clinic.id })).token;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('counts the bytes of every upload of the organisation in 24 hours, refuses the one that passes them, and never counts another organisation', async () => {
    const started = await postImport(hub.url, first, CSV, csvOf(1_200, 1));
    expect(started.status).toBe(202);
    const firstJob = await waitForJob(hub.url, first, String(started.body.jobId));
    expect(firstJob.status).toBe('done');
    // When the first upload leaves the window, rounded up to the next full hour: the exact moment would tell when a colleague uploaded.
    const freeAt = new Date(Math.ceil((Date.parse(firstJob.created) + DAY_MS) / HOUR_MS) * HOUR_MS).toISOString();

    // A colleague's upload counts against the same quota: 1,200 + 1,000 is past 2,000, refused as it arrives.
    const search = new URLSearchParams(CSV);
    const response = await fetch(`${hub.url}/import?${search}`, { method: 'POST', headers: { authorization: `Bearer ${second}` }, body: csvOf(1_000, 2) });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(DAY_MS / 1000 - 120);
    expect(retryAfter).toBeLessThanOrEqual((DAY_MS + HOUR_MS) / 1000);
    const message = `This upload would take your organisation past its import quota of 2,000 bytes in 24 hours; nothing of it was kept; try again after ${freeAt}`;
    expect(await response.json()).toEqual({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message,
      errors: [],
      title: 'Import quota reached',
      description: message,
      error_code: 'RATE_LIMITED',
      http_status: '429',
      details: { quota: 'bytesPerDay', limit: QUOTA, retry_after_seconds: retryAfter, retry_at: freeAt },
    });

    // The refused upload's bytes arrived, so they count: 2,200 now, and the next upload is refused before it is read.
    const full = await postImport(hub.url, first, CSV, csvOf(100, 4));
    expect(full.status).toBe(429);
    expect(full.body).toMatchObject({
      code: 'RATE_LIMITED',
      message: `Your organisation has used its import quota of 2,000 bytes in 24 hours; try again after ${freeAt}`,
      details: { quota: 'bytesPerDay', limit: QUOTA, retry_at: freeAt },
    });

    // Another organisation has its own quota, and its answer says nothing of the first one's uploads.
    const elsewhere = await postImport(hub.url, other, CSV, csvOf(1_900, 5));
    expect(elsewhere.status).toBe(202);
    const elsewhereJob = await waitForJob(hub.url, other, String(elsewhere.body.jobId));
    expect(elsewhereJob.status).toBe('done');
    const past = await postImport(hub.url, other, CSV, csvOf(200, 6));
    expect(past.status).toBe(429);
    // Its own upload decides when it may go on (both may round to the same hour: that tells nothing).
    const elsewhereFreeAt = new Date(Math.ceil((Date.parse(elsewhereJob.created) + DAY_MS) / HOUR_MS) * HOUR_MS).toISOString();
    expect(past.body).toMatchObject({ details: { quota: 'bytesPerDay', retry_at: elsewhereFreeAt } });
    expect(JSON.stringify(past.body)).not.toMatch(/1,?200|hospital/i);
  });

  it('counts the bytes of an upload cut off before its end, up to the quota exactly', async () => {
    const admin = await adminToken(hub);
    const practice = await createOrganization(hub, admin, { name: 'Quota practice', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'PL' });
    const uploader = (await createUser(hub, admin, { email: 'uploader@quota-practice.test', role: 'MEMBER', organizationId: practice.id })).token;
    const cut = httpRequest(`${hub.url}/import?${new URLSearchParams(CSV)}`, { method: 'POST', headers: { authorization: `Bearer ${uploader}` } });
    cut.on('error', () => undefined);
    cut.write(csvOf(1_000, 11));
    await sleep(500);
    cut.destroy();
    // The cut-off upload's job is deleted (nothing of it is kept): wait for that.
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      for (let left = 1; left; ) {
        await sleep(50);
        left = (await client.query<{ left: number }>(`SELECT count(*)::int AS left FROM import_job WHERE organization_id = $1`, [practice.id])).rows[0].left;
      }
    } finally {
      await client.end();
    }
    // 1,000 cut off + 900 + 100: exactly the quota of 2,000 is taken; one more byte is not.
    for (const [size, seed] of [
      [900, 12],
      [100, 13],
    ]) {
      const taken = await postImport(hub.url, uploader, CSV, csvOf(size, seed));
      expect(taken.status).toBe(202);
      expect((await waitForJob(hub.url, uploader, String(taken.body.jobId))).status).toBe('done');
    }
    const full = await postImport(hub.url, uploader, CSV, csvOf(100, 14));
    expect(full.status).toBe(429);
    expect(full.body).toMatchObject({ code: 'RATE_LIMITED', details: { quota: 'bytesPerDay', limit: QUOTA } });
    expect(Date.parse(String((full.body.details as { retry_at: string }).retry_at)) % HOUR_MS).toBe(0);
  });

  it('allows HUB_IMPORT_MAX_ACTIVE_JOBS jobs at once per organisation: the next start is 429 until one ends', async () => {
    const admin = await adminToken(hub);
    const lab = await createOrganization(hub, admin, { name: 'Quota lab', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'AT' });
    const pharmacy = await createOrganization(hub, admin, { name: 'Quota pharmacy', kind: 'PRIVATE', sector: 'PHARMA', country: 'AT' });
    const fresh = {
      uploader: (await createUser(hub, admin, { email: 'uploader@quota-lab.test', role: 'MEMBER', organizationId: lab.id })).token,
      colleague: (await createUser(hub, admin, { email: 'colleague@quota-lab.test', role: 'MEMBER', organizationId: lab.id })).token,
      elsewhere: (await createUser(hub, admin, { email: 'member@quota-pharmacy.test', role: 'MEMBER', organizationId: pharmacy.id })).token,
    };
    const body = csvOf(600, 7);
    // An upload still arriving holds the organisation's one slot.
    const slow = httpRequest(`${hub.url}/import?${new URLSearchParams(CSV)}`, { method: 'POST', headers: { authorization: `Bearer ${fresh.uploader}` } });
    const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
      slow.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, 300));
    await sleep(1_000);

    const refused = await postImport(hub.url, fresh.colleague, CSV, csvOf(100, 8));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Your organisation has 1 import job uploading, queued or running, the most it may have at once; start this one when one of them has ended',
      details: { quota: 'activeJobs', limit: 1, retry_after_seconds: 60 },
    });
    // Other organisations are not held up by it.
    const elsewhere = await postImport(hub.url, fresh.elsewhere, CSV, csvOf(100, 9));
    expect(elsewhere.status).toBe(202);
    await waitForJob(hub.url, fresh.elsewhere, String(elsewhere.body.jobId));

    slow.end(body.slice(300));
    const { status, body: text } = await answered;
    expect(status).toBe(202);
    expect((await waitForJob(hub.url, fresh.uploader, String(JSON.parse(text).jobId))).status).toBe('done');
    const after = await postImport(hub.url, fresh.colleague, CSV, csvOf(100, 10));
    expect(after.status).toBe(202);
    await waitForJob(hub.url, fresh.colleague, String(after.body.jobId));
  });
});
