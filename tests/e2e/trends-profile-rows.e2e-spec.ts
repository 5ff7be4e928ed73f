import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Viewer } from '@hub/access';
import { ViewerService } from '@hub/members';
import { accessFingerprint, ProfilePartsService, TrendCatchUpService, TrendQueryInput, TrendsService } from '@hub/trends';
import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, nextVersion, relationship, sighting } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { at, mondayOf, receivedAt, tableOf, trends } from '../support/trends';
import { startTestHub, TestHub } from '../support/test-hub';

const DAY = 24 * 3600 * 1000;

/**
 * Each access profile keeps its verdicts on the rows counted row by row (relationships and sightings
 * standing on objects not everyone may follow, objects with versions) and judges a row again only
 * when a catch-up batch touches the row, another version of its object or an object it stands on
 * (docs/trends.md, "Rollups"). Every change below is one the verdicts must follow: each time, every
 * viewer's answer from the rollups equals the answer judged row by row on the spot with the feed's
 * rule, and the counts that must move do.
 */
describe('trends: kept verdicts on rows counted row by row follow every write', () => {
  let hub: TestHub;
  let service: TrendsService;
  let viewerService: ViewerService;
  const tokens: Record<string, string> = {};
  let ids: Record<string, string>;
  const built: Record<string, Record<string, unknown>> = {};
  let weekAgo: Date;

  const WHO = ['ministry', 'ministryKey', 'clientsKey', 'romeo', 'alpha'] as const;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '2' });
    service = hub.hub.app.get(TrendsService);
    viewerService = hub.hub.app.get(ViewerService);
    const admin = await adminToken(hub);
    const org = (name: string, kind: 'PUBLIC' | 'PRIVATE', sector: string) => createOrganization(hub, admin, { name, kind, sector, country: 'CZ' });
    const ministry = await org('Ministry', 'PUBLIC', 'GOVERNMENT');
    const alpha = await org('Alpha', 'PRIVATE', 'PHARMA');
    const bravo = await org('Bravo', 'PRIVATE', 'HEALTHCARE_PROVIDER');
    const romeo = await org('Romeo', 'PRIVATE', 'IT_SUPPLIER');
    const user = (email: string, organizationId: string) => createUser(hub, admin, { email, role: 'MEMBER', organizationId });
    tokens.ministry = (await user('m@ministry.test', ministry.id)).token;
    tokens.alpha = (await user('a@alpha.test', alpha.id)).token;
    tokens.bravo = (await user('b@bravo.test', bravo.id)).token;
    tokens.romeo = (await user('r@romeo.test', romeo.id)).token;
    tokens.ministryKey = (await createApiKey(hub, tokens.ministry, { name: 'siem', distribution: 'INTERNAL' })).key;
    tokens.clientsKey = (await createApiKey(hub, tokens.ministry, { name: 'clients', distribution: 'CLIENTS' })).key;
    const group = await createSharingGroup(hub, admin, { name: 'Romeo and Bravo', organizationIds: [romeo.id, bravo.id] });
    ids = { ministry: ministry.id, romeo: romeo.id, alpha: alpha.id, group: group.id, admin };

    // A week ago: indicators of Alpha at several markings, and GREEN sightings and relationships of
    // Bravo standing on them, on an absent id and on a member's identity.
    weekAgo = at(mondayOf(new Date(Date.now() - 7 * DAY)), 2, 10);
    const put = async (token: string, objects: Record<string, unknown>[], tlp: 'GREEN' | 'AMBER' | 'AMBER_STRICT', audience?: object) => {
      expect(await submitBundle(hub, token, bundle(objects), tlp, audience)).toMatchObject({ accepted: objects.length });
      await receivedAt(hub, objects.map((object) => object.id as string), weekAgo);
    };
    const green = indicator("[domain-name:value = 'green.example']");
    const toRomeo = indicator("[domain-name:value = 'to-romeo.example']");
    const toGroup = indicator("[domain-name:value = 'to-group.example']");
    const strictToMinistry = indicator("[domain-name:value = 'strict.example']");
    await put(tokens.alpha, [green], 'GREEN');
    await put(tokens.alpha, [toRomeo], 'AMBER', { organizationIds: [romeo.id] });
    await put(tokens.alpha, [toGroup], 'AMBER', { sharingGroupIds: [group.id] });
    await put(tokens.alpha, [strictToMinistry], 'AMBER_STRICT', { organizationIds: [ministry.id] });
    const absent = `indicator--${randomUUID()}`;
    const onGreen = sighting(green.id as string);
    await put(tokens.bravo, [onGreen, sighting(toRomeo.id as string), sighting(toGroup.id as string), sighting(strictToMinistry.id as string), sighting(absent)], 'GREEN');
    const unknownIdentity = `identity--${randomUUID()}`;
    await put(tokens.bravo, [relationship(green.id as string, 'related-to', unknownIdentity)], 'GREEN');
    // Unreadable AMBER sightings of Romeo (k = 2 sources with Alpha's), for sector-wide answers.
    await put(tokens.romeo, [sighting(green.id as string), sighting(absent)], 'AMBER', { organizationIds: [romeo.id] });
    Object.assign(built, { onGreen, green });
    ids = { ...ids, green: green.id as string, toRomeo: toRomeo.id as string, toGroup: toGroup.id as string, strict: strictToMinistry.id as string, absent, unknownIdentity, onGreen: onGreen.id as string };
  });

  afterAll(async () => {
    await hub?.close();
  });

  const range = () => ({ from: new Date(weekAgo.getTime() - 14 * DAY), to: new Date(Date.now() + DAY) });

  async function expectRollupsAgreeWithRowByRow(): Promise<void> {
    const questions: TrendQueryInput[] = [];
    for (const groupBy of ['OBJECT_TYPE', 'TLP', 'LABEL'] as const) {
      questions.push({ ...range(), bucket: 'WEEK', groupBy, scope: 'READABLE' }, { ...range(), bucket: 'WEEK', groupBy, scope: 'SECTOR_WIDE' });
      questions.push({ ...range(), bucket: 'DAY', groupBy, scope: 'READABLE' });
    }
    for (const who of WHO) {
      const viewer: Viewer = await viewerService.resolveViewer({ authorization: `Bearer ${tokens[who]}` });
      for (const question of questions) {
        const fromRollups = await service.report(viewer, question);
        const rowByRow = await service.report(viewer, question, { rowByRow: true });
        expect({ who, question, report: fromRollups }).toEqual({ who, question, report: rowByRow });
      }
    }
  }

  /** Sightings a week ago, by type, as the dashboard shows them (the rollup path). */
  async function sightings(who: (typeof WHO)[number]): Promise<number> {
    const question = { from: range().from.toISOString(), to: range().to.toISOString(), bucket: 'WEEK' as const, groupBy: 'OBJECT_TYPE' as const };
    const table = tableOf(await trends(hub, question, tokens[who]));
    const week = table[Math.round((mondayOf(weekAgo).getTime() - mondayOf(range().from).getTime()) / (7 * DAY))];
    return Number(week.sighting ?? 0);
  }

  it('counts each sighting only for those who may follow what it stands on, from the first question on', async () => {
    // A later range first, then an earlier one: the verdicts are widened to the earlier days.
    await trends(hub, { from: new Date(Date.now() - DAY).toISOString(), to: new Date().toISOString(), bucket: 'DAY', groupBy: 'OBJECT_TYPE' }, tokens.ministry);
    // Ministry follows the GREEN indicator and its own AMBER+STRICT one; its CLIENTS key not the latter.
    expect(await sightings('ministry')).toBe(2);
    expect(await sightings('ministryKey')).toBe(2);
    expect(await sightings('clientsKey')).toBe(1);
    // Romeo follows the GREEN and the AMBER one addressed to it, the group one, and its own two.
    expect(await sightings('romeo')).toBe(5);
    await expectRollupsAgreeWithRowByRow();
  });

  it('follows a change of marking of what a sighting stands on, both ways', async () => {
    // Alpha's AMBER indicator to Romeo becomes GREEN (as a write in place, which the catch-up sees like any update).
    await queryDatabase(hub.databaseUrl, `UPDATE stix_object SET tlp = 1, readers = '{}' WHERE id = $1`, [ids.toRomeo]);
    expect(await sightings('ministry')).toBe(3);
    expect(await sightings('clientsKey')).toBe(2);
    // The GREEN indicator every sighting stood on becomes AMBER to Romeo: static rows move to row by row.
    // (Its source keeps reading it, as the readers of every AMBER submission hold the source's organisation.)
    await queryDatabase(hub.databaseUrl, `UPDATE stix_object SET tlp = 2, readers = ARRAY['org:' || $2::text, 'org:' || $3::text] WHERE id = $1`, [ids.green, ids.romeo, ids.alpha]);
    expect(await sightings('ministry')).toBe(2);
    expect(await sightings('romeo')).toBe(5);
    await expectRollupsAgreeWithRowByRow();
  });

  it('follows new versions of a sighting and of what it stands on', async () => {
    expect(await submitBundle(hub, tokens.bravo, bundle([nextVersion(built.onGreen, { count: 7 })]), 'GREEN')).toMatchObject({ accepted: 1 });
    await receivedAt(hub, [ids.onGreen], weekAgo);
    expect(await sightings('ministry')).toBe(2);
    // A new GREEN version of the indicator by its source: everyone follows it again.
    expect(await submitBundle(hub, tokens.alpha, bundle([nextVersion(built.green, { name: 'green again' })]), 'GREEN')).toMatchObject({ accepted: 1 });
    expect(await sightings('ministry')).toBe(3);
    await expectRollupsAgreeWithRowByRow();
  });

  it('follows the removal of what a sighting stands on', async () => {
    await queryDatabase(hub.databaseUrl, `DELETE FROM stix_object WHERE id = $1`, [ids.strict]);
    expect(await sightings('ministry')).toBe(2);
    await expectRollupsAgreeWithRowByRow();
  });

  it('follows a change of sharing-group membership (a new access profile) and a new organisation identity', async () => {
    await hub.graphql(`mutation ($id: ID!, $orgs: [ID!]!) { addSharingGroupMembers(id: $id, organizationIds: $orgs) { id } }`, { id: ids.group, orgs: [ids.ministry] }, ids.admin);
    expect(await sightings('ministry')).toBe(3);
    // A relationship standing on an identity the hub does not hold counts for nobody but its
    // submitter until that identity is a member organisation's (identities are made by the hub; the
    // identity is set in SQL here to see the verdicts follow a new organisation).
    const byLabel = async () => tableOf(await trends(hub, { from: range().from.toISOString(), to: range().to.toISOString(), bucket: 'WEEK', groupBy: 'OBJECT_TYPE' }, tokens.ministry));
    const before = (await byLabel()).reduce((sum, row) => sum + Number(row.relationship ?? 0), 0);
    expect(before).toBe(0);
    const admin = ids.admin;
    const newcomer = await createOrganization(hub, admin, { name: 'Newcomer', kind: 'PRIVATE', sector: 'PHARMA', country: 'DE' });
    await queryDatabase(hub.databaseUrl, `UPDATE organization SET identity_id = $2 WHERE id = $1`, [newcomer.id, ids.unknownIdentity]);
    const after = (await byLabel()).reduce((sum, row) => sum + Number(row.relationship ?? 0), 0);
    expect(after).toBe(1);
    await expectRollupsAgreeWithRowByRow();
  });

  it('drops the verdicts of a kind unused for a day, with the changes kept for them, and judges again on the next question', async () => {
    // Sector-wide questions were last asked two days ago, readable ones just now: the changes the
    // readable verdicts are past go, whatever the hidden ones were current to.
    await queryDatabase(hub.databaseUrl, `UPDATE trend_profile_live SET used_at = now() - interval '2 days' WHERE kind = 'hidden'`);
    await hub.hub.app.get(ProfilePartsService).tidy();
    const kept = await queryDatabase<{ kinds: string[]; changed: number }>(
      hub.databaseUrl,
      `SELECT (SELECT array_agg(DISTINCT kind) FROM trend_profile_live) || (SELECT array_agg(DISTINCT kind) FROM trend_profile_row) AS kinds,
              (SELECT count(*)::int FROM trend_changed WHERE batch <= (SELECT min(upto_batch) FROM trend_profile_live)) AS changed`,
    );
    expect(kept).toEqual([{ kinds: ['readable', 'readable'], changed: 0 }]);
    await queryDatabase(hub.databaseUrl, `UPDATE trend_profile_live SET used_at = now() - interval '2 days'`);
    await hub.hub.app.get(ProfilePartsService).tidy();
    const left = await queryDatabase<{ live: number; rows: number; changed: number }>(
      hub.databaseUrl,
      `SELECT (SELECT count(*)::int FROM trend_profile_live) AS live, (SELECT count(*)::int FROM trend_profile_row) AS rows, (SELECT count(*)::int FROM trend_changed) AS changed`,
    );
    expect(left).toEqual([{ live: 0, rows: 0, changed: 0 }]);
    expect(await sightings('ministry')).toBe(3);
    await expectRollupsAgreeWithRowByRow();
  });

  /** Relationships in the whole range, by type, as the dashboard shows them. */
  async function relationships(who: (typeof WHO)[number]): Promise<number> {
    const question = { from: range().from.toISOString(), to: range().to.toISOString(), bucket: 'WEEK' as const, groupBy: 'OBJECT_TYPE' as const };
    return tableOf(await trends(hub, question, tokens[who])).reduce((sum, row) => sum + Number(row.relationship ?? 0), 0);
  }

  async function profileOf(who: (typeof WHO)[number]): Promise<{ viewer: Viewer; profileId: number }> {
    const viewer = await viewerService.resolveViewer({ authorization: `Bearer ${tokens[who]}` });
    const [{ id }] = await queryDatabase<{ id: number }>(hub.databaseUrl, `SELECT id FROM trend_profile WHERE fingerprint = $1`, [accessFingerprint(viewer)]);
    return { viewer, profileId: Number(id) };
  }

  async function session(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    return client;
  }

  /** Waits until a statement mentioning `table` waits for a lock another session holds. */
  async function waitUntilWaiting(table: string): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const [{ waiting }] = await queryDatabase<{ waiting: number }>(
        hub.databaseUrl,
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()`,
        [table],
      );
      if (waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`nothing waited on ${table}`);
  }

  const firstDay = () => range().from.toISOString().slice(0, 10);

  it('follows an organisation identity changed in place (the number of organisations stays the same)', async () => {
    expect(await relationships('ministry')).toBe(1);
    const elsewhere = `identity--${randomUUID()}`;
    await queryDatabase(hub.databaseUrl, `UPDATE organization SET identity_id = $2 WHERE identity_id = $1`, [ids.unknownIdentity, elsewhere]);
    expect(await relationships('ministry')).toBe(0);
    await expectRollupsAgreeWithRowByRow();
    await queryDatabase(hub.databaseUrl, `UPDATE organization SET identity_id = $2 WHERE identity_id = $1`, [elsewhere, ids.unknownIdentity]);
    expect(await relationships('ministry')).toBe(1);
  });

  it('judges again rows standing on an object stored and removed between two catch-ups', async () => {
    const before = await sightings('ministry');
    const { viewer, profileId } = await profileOf('ministry');
    // No catch-up runs meanwhile (requests and the background one wait for this lock).
    const holder = await session();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('trend_catch_up'))`);
      // The id a GREEN sighting of Bravo stands on is stored, readable by everyone, and the verdicts
      // are judged from scratch while it exists (the judge reads the stored objects as they are)...
      const briefly = indicator("[domain-name:value = 'briefly.example']", { id: ids.absent });
      expect(await submitBundle(hub, tokens.alpha, bundle([briefly]), 'GREEN')).toMatchObject({ accepted: 1 });
      await queryDatabase(hub.databaseUrl, `DELETE FROM trend_profile_live WHERE profile_id = $1`, [profileId]);
      await hub.hub.app.get(ProfilePartsService).bringRowsUpToDate(viewer, profileId, firstDay(), 'readable');
      // ... then removed before any batch took it: the batch finds it in neither table.
      await queryDatabase(hub.databaseUrl, `DELETE FROM stix_object WHERE id = $1`, [ids.absent]);
      await holder.query(`SELECT pg_advisory_unlock(hashtext('trend_catch_up'))`);
    } finally {
      await holder.end();
    }
    expect(await sightings('ministry')).toBe(before);
    await expectRollupsAgreeWithRowByRow();
  });

  it('answers when tidy() drops the verdicts of its profile while the request waits for them', async () => {
    await sightings('ministry');
    const { viewer, profileId } = await profileOf('ministry');
    const holder = await session();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM trend_profile_live WHERE profile_id = $1 FOR UPDATE`, [profileId]);
      const bringing = hub.hub.app.get(ProfilePartsService).bringRowsUpToDate(viewer, profileId, firstDay(), 'readable');
      bringing.catch(() => undefined);
      await waitUntilWaiting('trend_profile_live');
      // What tidy()'s drop of idle verdicts does, between the request's insert and its lock.
      await holder.query(`DELETE FROM trend_profile_live WHERE profile_id = $1`, [profileId]);
      await holder.query('COMMIT');
      await expect(bringing).resolves.toBeUndefined();
    } finally {
      await holder.end();
    }
    await expectRollupsAgreeWithRowByRow();
  });

  it('keeps the changes a profile being built still needs when tidy() trims them', async () => {
    const before = await sightings('ministry');
    const { viewer, profileId } = await profileOf('ministry');
    const parts = hub.hub.app.get(ProfilePartsService);
    // Every profile's verdicts are built anew, so that none holds the trim back.
    await queryDatabase(hub.databaseUrl, `DELETE FROM trend_profile_live`);
    await queryDatabase(hub.databaseUrl, `DELETE FROM trend_profile_row`);
    const [sightingOnGroup] = await queryDatabase<{ object_pk: string; day: string }>(
      hub.databaseUrl,
      `SELECT t.object_pk, t.day::text AS day FROM trend_object t JOIN stix_object o ON o.pk = t.object_pk WHERE o.type = 'sighting' AND o.required_refs @> ARRAY[$1::text]`,
      [ids.toGroup],
    );
    // The build is held after its judge read the objects (its insert waits for this uncommitted verdict).
    const holder = await session();
    try {
      await holder.query('BEGIN');
      await holder.query(`INSERT INTO trend_profile_row (profile_id, kind, object_pk, day) VALUES ($1, 'readable', $2, $3::date)`, [
        profileId,
        sightingOnGroup.object_pk,
        sightingOnGroup.day,
      ]);
      const building = parts.bringRowsUpToDate(viewer, profileId, firstDay(), 'readable');
      building.catch(() => undefined);
      await waitUntilWaiting('trend_profile_row');
      // Meanwhile the group's indicator the sighting stands on goes to Romeo alone, a batch takes it,
      // and tidy() trims the changes no profile it can see still needs.
      await queryDatabase(hub.databaseUrl, `UPDATE stix_object SET readers = ARRAY['org:' || $2::text] WHERE id = $1`, [ids.toGroup, ids.romeo]);
      await hub.hub.app.get(TrendCatchUpService).catchUp();
      // tidy() leaves the trim to a later round while the build is under way.
      const trimming = parts.tidy();
      trimming.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('ROLLBACK');
      await building;
      await trimming;
    } finally {
      await holder.end();
    }
    expect(await sightings('ministry')).toBe(before - 1);
    await expectRollupsAgreeWithRowByRow();
  });
  it('moves a verdict between its kinds when the marking of a row counted row by row changes in place, both ways', async () => {
    // A revised sighting of Romeo (two versions: counted row by row) on the GREEN indicator, AMBER to
    // Romeo alone: for the Ministry its rows are verdicts of the 'hidden' kind (sector-wide answers).
    const fresh = indicator("[domain-name:value = 'kinds.example']");
    expect(await submitBundle(hub, tokens.alpha, bundle([fresh]), 'GREEN')).toMatchObject({ accepted: 1 });
    const first = sighting(fresh.id as string);
    const second = nextVersion(first, { count: 9 });
    for (const version of [first, second]) {
      expect(await submitBundle(hub, tokens.romeo, bundle([version]), 'AMBER', { organizationIds: [ids.romeo] })).toMatchObject({ accepted: 1 });
    }
    await receivedAt(hub, [first.id as string], weekAgo);
    const before = await sightings('ministry');
    // Both kinds judged and current before the change.
    await expectRollupsAgreeWithRowByRow();
    const kinds = async () =>
      (
        await queryDatabase<{ kind: string }>(
          hub.databaseUrl,
          `SELECT v.kind FROM trend_profile_row v JOIN stix_object o ON o.pk = v.object_pk WHERE o.id = $1 AND v.profile_id = $2 ORDER BY v.kind`,
          [first.id, (await profileOf('ministry')).profileId],
        )
      ).map((row) => row.kind);
    expect(await kinds()).toEqual(['hidden']);

    // Its rows now go to the Ministry too: the latest becomes one more readable sighting, and no
    // hidden verdict of the Ministry is left for it (a sector-wide answer asked first).
    await queryDatabase(hub.databaseUrl, `UPDATE stix_object SET readers = readers || ARRAY['org:' || $2::text] WHERE id = $1`, [first.id, ids.ministry]);
    await trends(hub, { from: range().from.toISOString(), to: range().to.toISOString(), bucket: 'WEEK', groupBy: 'OBJECT_TYPE', scope: 'SECTOR_WIDE' }, tokens.ministry);
    await expectRollupsAgreeWithRowByRow();
    expect(await sightings('ministry')).toBe(before + 1);
    expect(await kinds()).toEqual(['readable']);

    // And back: a readable answer asked first.
    await queryDatabase(hub.databaseUrl, `UPDATE stix_object SET readers = array_remove(readers, 'org:' || $2::text) WHERE id = $1`, [first.id, ids.ministry]);
    expect(await sightings('ministry')).toBe(before);
    await expectRollupsAgreeWithRowByRow();
    expect(await kinds()).toEqual(['hidden']);
  });
});
