import { adminToken, createApiKey, createOrganization, createUser, RoleName } from './members';
import { AudienceSpec, submitBundle, TlpName } from './sharing';
import { bundle, indicator, malware, relationship, sighting } from './stix-builders';
import { queryDatabase } from './test-database';
import type { GraphqlResponse, TestHub } from './test-hub';

export type TrendScopeName = 'READABLE' | 'SECTOR_WIDE';
export type TrendGroupByName = 'OBJECT_TYPE' | 'INDICATOR_TYPE' | 'SECTOR' | 'SOURCE_KIND' | 'TLP' | 'LABEL' | 'MALWARE_FAMILY';

export interface TrendCountShape {
  count: number | null;
  suppressed: boolean;
}

export interface TrendReportShape {
  from: string;
  to: string;
  k: number;
  buckets: { start: string; end: string; complete: boolean; countsUnreadable: boolean; total: TrendCountShape; groups: ({ key: string } & TrendCountShape)[] }[];
  totals: ({ key: string } & TrendCountShape)[];
  total: TrendCountShape;
}

export interface TrendInputShape {
  from: string;
  to: string;
  bucket: 'DAY' | 'WEEK' | 'MONTH';
  groupBy: TrendGroupByName;
  scope?: TrendScopeName;
  types?: string[];
  labels?: string[];
  sectors?: string[];
}

const TRENDS_QUERY = `query Trends($input: TrendInput!) {
  trends(input: $input) {
    from to k
    buckets { start end complete countsUnreadable total { count suppressed } groups { key count suppressed } }
    totals { key count suppressed }
    total { count suppressed }
  }
}`;

/** Asks the `trends` query; the raw response (text included) is returned so tests can search it. */
export function askTrends(hub: TestHub, input: TrendInputShape, token?: string): Promise<GraphqlResponse<{ trends: TrendReportShape }>> {
  return hub.graphql<{ trends: TrendReportShape }>(TRENDS_QUERY, { input }, token);
}

/** Like askTrends, but fails the test with the response text when the query fails. */
export async function trends(hub: TestHub, input: TrendInputShape, token?: string): Promise<TrendReportShape> {
  const response = await askTrends(hub, input, token);
  if (response.errors || !response.data) throw new Error(`trends failed: ${response.text}`);
  return response.data.trends;
}

/** A published count as a test reads it best: the number, or 'suppressed'. */
export type Shown = number | 'suppressed';

export function shown(count: TrendCountShape): Shown {
  return count.suppressed ? 'suppressed' : (count.count as number);
}

/** One bucket's groups as { key: count or 'suppressed' }, zeros included. */
export function cellsOf(report: TrendReportShape, bucketIndex: number): Record<string, Shown> {
  return Object.fromEntries(report.buckets[bucketIndex].groups.map((group) => [group.key, shown(group)]));
}

/** Every bucket as { key: count } with its total under '*', in bucket order. */
export function tableOf(report: TrendReportShape): Record<string, Shown>[] {
  return report.buckets.map((bucket, index) => ({ ...cellsOf(report, index), '*': shown(bucket.total) }));
}

/**
 * The hub stamps each object with the time it received it (date_added), and trends are bucketed by
 * that time. To build a history of past weeks, tests move the stamp of objects submitted through the
 * API back in time; the trend tables follow through the same triggers as any other change.
 */
export async function receivedAt(hub: TestHub, stixIds: string[], at: Date): Promise<void> {
  const rows = await queryDatabase<{ pk: string }>(hub.databaseUrl, `UPDATE stix_object SET date_added = $2 WHERE id = ANY($1::text[]) RETURNING pk`, [stixIds, at]);
  if (rows.length < stixIds.length) throw new Error(`receivedAt: only ${rows.length} of ${stixIds.length} objects are stored`);
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** The Monday 00:00 UTC that starts the ISO week holding `time`. */
export function mondayOf(time: Date): Date {
  const midnight = Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate());
  return new Date(midnight - ((time.getUTCDay() + 6) % 7) * DAY);
}

export const at = (origin: Date, days: number, hours = 0, minutes = 0) => new Date(origin.getTime() + days * DAY + hours * HOUR + minutes * 60_000);

export interface TrendDataSet {
  /** Monday 00:00 UTC of week 1; weeks 1 and 2 hold what the viewers read, weeks 3 and 4 what they do not. */
  week1: Date;
  /** When each readable object was received, by name (i1…, m1…, s1…), for bucket expectations. */
  receivedTimes: Record<string, Date>;
  tokens: {
    focal: string;
    analyst: string;
    member: string;
    internalKey: string;
    clientsKey: string;
    admin: string;
    /** A member of the organisation the hidden AMBER objects are shared with. */
    recipient: string;
    /** Members of two sources, for tests that add objects. */
    alpha: string;
    charlie: string;
  };
  romeoId: string;
  ministryId: string;
  /** Everything that names the anonymous source (Delta), which no trend answer may contain. */
  anonymousSecrets: string[];
}

/**
 * The constructed data set of the trends tests, submitted through the API (see docs/trends.md and the
 * spec files for the counts it yields). The viewers are in Ministry (GOVERNMENT, PUBLIC): a focal
 * point, an analyst, a member, an INTERNAL and a CLIENTS key; the hub admin is in the operator
 * organisation. Sources: Alpha (PHARMA, PRIVATE), Bravo (HEALTHCARE_PROVIDER, PRIVATE), Charlie
 * (HEALTHCARE_PROVIDER, PUBLIC), Delta (MEDICAL_DEVICES, PRIVATE, submits anonymously); Romeo
 * (IT_SUPPLIER) receives the AMBER objects Ministry may not read.
 *
 * The week before (readable by every member): an indicator of Charlie labelled campaign-x (GREEN).
 * Week 1 (readable by every member): Tue i1 [malicious-activity; ransomware], m1 LockBit [ransomware],
 * rel1 i1 indicates m1 (Alpha GREEN); Thu i2 [malicious-activity, attribution; ransomware, apt]
 * (Alpha GREEN); Sun 23:30 UTC i3 [no types, no labels] (Charlie CLEAR).
 * Week 2: Mon 00:00 UTC m2 Emotet (Alpha, anonymous, GREEN); Tue i4 [anomalous-activity; phishing]
 * (Bravo AMBER to Ministry, no longer valid), i5 [compromised; phishing] (Bravo AMBER+STRICT to
 * Ministry), i6 [malicious-activity] (Delta RED to the focal point); Wed sightings (GREEN) s1 of i4
 * by Charlie 10 h after its valid_from, s2 of i5 by Bravo itself 1 h after, s3 of i6 by Alpha 30 h after.
 * Week 3 (AMBER to Romeo only, indicators): malicious-activity Alpha ×2, Bravo, Charlie (AMBER+STRICT);
 * attribution Alpha ×3, Bravo ×2; compromised Alpha ×2, Bravo, Delta (anonymous, label
 * project-nightjar); anomalous-activity Alpha, Bravo, Charlie (label campaign-x); and one RED
 * malicious-activity indicator from Charlie to Romeo's member.
 * Week 4 (AMBER to Romeo only, indicators): malicious-activity Alpha, Bravo, Charlie; compromised
 * Alpha, Bravo, Delta (anonymous); anomalous-activity Alpha; attribution Bravo; unknown Charlie.
 */
export async function buildTrendDataSet(hub: TestHub): Promise<TrendDataSet> {
  const admin = await adminToken(hub);
  const organization = (name: string, kind: 'PUBLIC' | 'PRIVATE', sector: string, country: string) => createOrganization(hub, admin, { name, kind, sector, country });
  const ministry = await organization('Ministry of Health', 'PUBLIC', 'GOVERNMENT', 'CZ');
  const alpha = await organization('Alpha Pharma', 'PRIVATE', 'PHARMA', 'DE');
  const bravo = await organization('Bravo Hospitals', 'PRIVATE', 'HEALTHCARE_PROVIDER', 'FR');
  const charlie = await organization('Charlie Public Hospital', 'PUBLIC', 'HEALTHCARE_PROVIDER', 'CZ');
  const delta = await organization('Delta Devices', 'PRIVATE', 'MEDICAL_DEVICES', 'NL');
  const romeo = await organization('Romeo IT', 'PRIVATE', 'IT_SUPPLIER', 'AT');

  const user = (email: string, role: RoleName, organizationId: string) => createUser(hub, admin, { email, role, organizationId });
  const focal = await user('focal@ministry.test', 'FOCAL_POINT', ministry.id);
  const analyst = await user('analyst@ministry.test', 'ANALYST', ministry.id);
  const member = await user('member@ministry.test', 'MEMBER', ministry.id);
  const a = await user('a@alpha.test', 'MEMBER', alpha.id);
  const b = await user('b@bravo.test', 'MEMBER', bravo.id);
  const c = await user('c@charlie.test', 'MEMBER', charlie.id);
  const d = await user('d@delta.test', 'MEMBER', delta.id);
  const r = await user('r@romeo.test', 'MEMBER', romeo.id);
  const internalKey = await createApiKey(hub, member.token, { name: 'ministry siem', distribution: 'INTERNAL' });
  const clientsKey = await createApiKey(hub, member.token, { name: 'ministry clients', distribution: 'CLIENTS' });

  const week1 = mondayOf(new Date(Date.now() - 35 * DAY));
  const receivedTimes: Record<string, Date> = {};
  const submit = async (token: string, name: string, objects: Record<string, unknown>[], tlp: TlpName, received: Date, audience?: AudienceSpec, anonymous = false) => {
    const result = await submitBundle(hub, token, bundle(objects), tlp, audience, anonymous);
    if (result.accepted !== objects.length) throw new Error(`${name} was not accepted: ${JSON.stringify(result)}`);
    await receivedAt(hub, objects.map((object) => object.id as string), received);
    if (name) objects.forEach((object, index) => (receivedTimes[objects.length > 1 ? `${name}${index}` : name] = received));
  };
  const toMinistry = { organizationIds: [ministry.id] };
  const toRomeo = { organizationIds: [romeo.id] };
  const iso = (time: Date) => time.toISOString();

  // The week before week 1: a label every member has seen, so sector-wide answers may filter by it.
  await submit(c.token, 'w0-campaign', [indicator("[domain-name:value = 'campaign.example']", { labels: ['campaign-x'] })], 'GREEN', at(week1, -5, 10));

  // Week 1.
  const i1 = indicator("[domain-name:value = 'lock.example']", { indicator_types: ['malicious-activity'], labels: ['ransomware'] });
  const m1 = malware('LockBit', { labels: ['ransomware'] });
  await submit(a.token, 'w1-tue-', [i1, m1, relationship(i1.id as string, 'indicates', m1.id as string)], 'GREEN', at(week1, 1, 10));
  await submit(a.token, 'w1-thu', [indicator("[domain-name:value = 'two.example']", { indicator_types: ['malicious-activity', 'attribution'], labels: ['ransomware', 'apt'] })], 'GREEN', at(week1, 3, 10));
  await submit(c.token, 'w1-sun', [indicator("[domain-name:value = 'three.example']")], 'CLEAR', at(week1, 6, 23, 30));

  // Week 2.
  await submit(a.token, 'w2-mon', [malware('Emotet')], 'GREEN', at(week1, 7), undefined, true);
  const validFrom = at(week1, 8, 8);
  const i4 = indicator("[domain-name:value = 'four.example']", { indicator_types: ['anomalous-activity'], labels: ['phishing'], valid_from: iso(validFrom), valid_until: iso(at(week1, 8, 11)) });
  const i5 = indicator("[domain-name:value = 'five.example']", { indicator_types: ['compromised'], labels: ['phishing'], valid_from: iso(validFrom) });
  const i6 = indicator("[domain-name:value = 'six.example']", { indicator_types: ['malicious-activity'], valid_from: iso(validFrom), valid_until: iso(at(new Date(), 365)) });
  await submit(b.token, 'w2-i4', [i4], 'AMBER', at(week1, 8, 10), toMinistry);
  await submit(b.token, 'w2-i5', [i5], 'AMBER_STRICT', at(week1, 8, 10), toMinistry);
  await submit(d.token, 'w2-i6', [i6], 'RED', at(week1, 8, 10), { userIds: [focal.id] });
  const seen = (of: Record<string, unknown>, hours: number) => sighting(of.id as string, { first_seen: iso(at(validFrom, 0, hours)) });
  await submit(c.token, 'w2-s1', [seen(i4, 10)], 'GREEN', at(week1, 9));
  await submit(b.token, 'w2-s2', [seen(i5, 1)], 'GREEN', at(week1, 9));
  await submit(a.token, 'w2-s3', [seen(i6, 30)], 'GREEN', at(week1, 9));

  // Week 3: what Ministry may not read.
  const hidden = (types: string[], count: number, overrides: Record<string, unknown> = {}) =>
    Array.from({ length: count }, (_, index) => indicator(`[domain-name:value = 'hidden-${types[0]}-${index}-${Math.random()}.example']`, { indicator_types: types, ...overrides }));
  const week3 = at(week1, 15, 10);
  const campaign = { labels: ['campaign-x'] };
  await submit(a.token, '', [...hidden(['malicious-activity'], 2), ...hidden(['attribution'], 3), ...hidden(['compromised'], 2), ...hidden(['anomalous-activity'], 1, campaign)], 'AMBER', week3, toRomeo);
  await submit(b.token, '', [...hidden(['malicious-activity'], 1), ...hidden(['attribution'], 2), ...hidden(['compromised'], 1), ...hidden(['anomalous-activity'], 1, campaign)], 'AMBER', week3, toRomeo);
  await submit(c.token, '', hidden(['malicious-activity'], 1), 'AMBER_STRICT', week3, toRomeo);
  await submit(c.token, '', hidden(['anomalous-activity'], 1, campaign), 'AMBER', week3, toRomeo);
  await submit(c.token, '', hidden(['malicious-activity'], 1), 'RED', week3, { userIds: [r.id] });
  await submit(d.token, '', hidden(['compromised'], 1, { labels: ['project-nightjar'] }), 'AMBER', week3, toRomeo, true);

  // Week 4: exactly k = 3 sources per cell, the anonymous Delta among them, and three cells of one
  // source each, whose three sources together let the others be shown.
  const week4 = at(week1, 22, 10);
  await submit(a.token, '', [...hidden(['malicious-activity'], 1), ...hidden(['compromised'], 1), ...hidden(['anomalous-activity'], 1)], 'AMBER', week4, toRomeo);
  await submit(b.token, '', [...hidden(['malicious-activity'], 1), ...hidden(['compromised'], 1), ...hidden(['attribution'], 1)], 'AMBER', week4, toRomeo);
  await submit(c.token, '', hidden(['unknown'], 1), 'AMBER', week4, toRomeo);
  await submit(c.token, '', hidden(['malicious-activity'], 1), 'AMBER', week4, toRomeo);
  await submit(d.token, '', hidden(['compromised'], 1), 'AMBER', week4, toRomeo, true);

  return {
    week1,
    receivedTimes,
    tokens: { focal: focal.token, analyst: analyst.token, member: member.token, internalKey: internalKey.key, clientsKey: clientsKey.key, admin, recipient: r.token, alpha: a.token, charlie: c.token },
    romeoId: romeo.id,
    ministryId: ministry.id,
    anonymousSecrets: [delta.name, delta.id, delta.identityId, 'Delta'],
  };
}
