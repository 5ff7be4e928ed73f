import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { API_ROOT, collectionsByTitle, Envelope, taxii } from '../support/taxii';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * TAXII 2.1 section 3.5 (Pagination) while others add objects. Rows are numbered (pk) when they
 * are inserted but become visible when their transaction commits, and transactions commit out of
 * order: a reader that simply continued after the last row it saw would skip a row with an earlier
 * position that committed later. The hub serves only rows below a safe horizon (see
 * libs/taxii/src/objects/taxii-objects.sql.ts); these tests prove that nothing is skipped or repeated.
 */

interface Reader {
  seen: string[];
  /** One request: the next page (with `next`), or new objects since the last one (with added_after). */
  poll(): Promise<number>;
}

/** A TAXII client as a SIEM runs it: follow `next` while there is more, then poll with added_after. */
function reader(hub: TestHub, collectionId: string, key: string, limit: number): Reader {
  const seen: string[] = [];
  let next: string | undefined;
  let addedAfter: string | undefined;
  return {
    seen,
    async poll() {
      const parameters = new URLSearchParams({ limit: String(limit) });
      if (next) parameters.set('next', next);
      else if (addedAfter) parameters.set('added_after', addedAfter);
      const page = await taxii<Envelope>(hub, `${API_ROOT}collections/${collectionId}/objects/?${parameters}`, { key });
      if (page.status !== 200) throw new Error(`page failed: ${page.status} ${page.text}`);
      const objects = page.body.objects ?? [];
      seen.push(...objects.map((object) => object.id as string));
      addedAfter = page.headers.get('x-taxii-date-added-last') ?? addedAfter;
      next = page.body.more ? page.body.next : undefined;
      return objects.length;
    },
  };
}

/**
 * Polls until `done` holds or 10 s pass. A background transaction of the hub (trend roll-ups,
 * alert matching) may hold the horizon back for a moment; a skipped object would never arrive.
 */
async function pollUntil(client: Reader, done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) {
    if ((await client.poll()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('TAXII 2.1 pagination under concurrent inserts', () => {
  let hub: TestHub;
  let memberToken: string;
  let key: string;
  let greenId: string;
  let sourceOrgId: string;
  let memberId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Paging hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const member = await createUser(hub, admin, { email: 'member@paging.test', role: 'MEMBER', organizationId: org.id });
    sourceOrgId = org.id;
    memberId = member.id;
    memberToken = member.token;
    key = (await createApiKey(hub, member.token, { name: 'siem', distribution: 'INTERNAL' })).key;
    greenId = (await collectionsByTitle(hub, key)).get('TLP:GREEN')!.id;
  });

  afterAll(async () => {
    await hub?.close();
  });

  /** A GREEN row written straight into the table, in the caller's transaction (the API commits its own at once). */
  const insertGreenRow = (connection: pg.Client, id: string) =>
    connection.query(
      `INSERT INTO stix_object (id, type, spec_version, created, modified, tlp, source_org_id, submitted_by, stix)
       VALUES ($1, 'indicator', '2.1', now(), now(), 1, $2, $3, jsonb_build_object('id', $1::text, 'type', 'indicator', 'spec_version', '2.1'))`,
      [id, sourceOrgId, memberId],
    );

  it('3.5 Pagination: a row inserted earlier but committed later is neither skipped nor repeated', async () => {
    const before = ipIndicator('198.51.100.1');
    expect(await submitBundle(hub, memberToken, bundle([before]), 'GREEN')).toMatchObject({ accepted: 1 });
    const client = reader(hub, greenId, key, 10);
    await pollUntil(client, () => client.seen.length >= 1);
    expect(client.seen).toEqual([before.id]);

    // A writer that inserted first (smaller pk, earlier date_added) and has not committed yet.
    const slowWriter = new pg.Client({ connectionString: hub.databaseUrl });
    await slowWriter.connect();
    const slowId = `indicator--${randomUUID()}`;
    try {
      await slowWriter.query('BEGIN');
      await insertGreenRow(slowWriter, slowId);
      // Another writer inserts after it and commits first.
      const quick = ipIndicator('198.51.100.2');
      expect(await submitBundle(hub, memberToken, bundle([quick]), 'GREEN')).toMatchObject({ accepted: 1 });

      // The quick row is held back while the slow transaction may still commit below it.
      await client.poll();
      expect(client.seen).toEqual([before.id]);

      await slowWriter.query('COMMIT');
      await pollUntil(client, () => client.seen.length >= 3);
      // One more request must bring nothing: no repeats.
      await client.poll();
      expect(client.seen).toEqual([before.id, slowId, quick.id]);
    } finally {
      await slowWriter.end();
    }
  });

  it('3.5 Pagination: a reader paging while writers add objects sees every object exactly once', async () => {
    const client = reader(hub, greenId, key, 7);
    while ((await client.poll()) > 0);
    const alreadySeen = client.seen.length;

    const added: string[] = [];
    let writing = true;
    // Three writers through the API at once, so that their transactions overlap and commit in any order.
    const writer = async (lane: number) => {
      for (let round = 0; round < 8; round += 1) {
        const objects = Array.from({ length: 5 }, (_, index) => ipIndicator(`10.${lane}.${round}.${index + 1}`));
        const result = await submitBundle(hub, memberToken, bundle(objects), 'GREEN');
        expect(result.accepted).toBe(5);
        added.push(...objects.map((object) => object.id as string));
      }
    };
    // And a slow writer that inserts, waits, then commits: its rows commit after later ones.
    const slowWriter = async () => {
      const connection = new pg.Client({ connectionString: hub.databaseUrl });
      await connection.connect();
      try {
        for (let round = 0; round < 6; round += 1) {
          const id = `indicator--${randomUUID()}`;
          await connection.query('BEGIN');
          await insertGreenRow(connection, id);
          await new Promise((resolve) => setTimeout(resolve, 60 + round * 20));
          await connection.query('COMMIT');
          added.push(id);
        }
      } finally {
        await connection.end();
      }
    };
    const writers = Promise.all([...[1, 2, 3].map(writer), slowWriter()]).finally(() => {
      writing = false;
    });
    while (writing) await client.poll();
    await writers;
    // Drain until every added object has arrived, then once more: nothing may come twice.
    await pollUntil(client, () => client.seen.length >= alreadySeen + added.length);
    await client.poll();

    const fresh = client.seen.slice(alreadySeen);
    expect(new Set(client.seen).size).toBe(client.seen.length);
    expect([...fresh].sort()).toEqual([...added].sort());
  });
});
