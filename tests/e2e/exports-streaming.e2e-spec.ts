import { adminToken, createOrganization, createUser } from '../support/members';
import { bundleObjects, getExport } from '../support/exports';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator, malware, relationship, report } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * An export longer than one batch (500 rows, read in two parts merged by key): every readable
 * object exactly once across the batch boundaries, newest first, hidden objects interleaved with
 * them left out, and a client that goes away mid-export leaves the hub serving.
 */

describe('exports: streaming across batches', () => {
  let hub: TestHub;
  let reader: { token: string };
  const readable = new Set<string>();
  const hidden = new Set<string>();
  // Which submission each readable object came in, in order: a later one is stored after (newer).
  const submission = new Map<string, number>();
  // Objects whose references the export must withhold (or keep), by where the reference sits.
  const referring: Record<string, Record<string, unknown>> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Streaming source');
    const other = await org('Streaming other');
    const readerOrg = await org('Streaming reader');
    const submitter = await createUser(hub, admin, { email: 'submitter@streaming.test', role: 'MEMBER', organizationId: source.id });
    reader = await createUser(hub, admin, { email: 'reader@streaming.test', role: 'MEMBER', organizationId: readerOrg.id });
    for (let round = 0; round < 4; round++) {
      const shared = Array.from({ length: 600 }, (_, index) => ipIndicator(`10.${round}.${Math.floor(index / 250)}.${index % 250}`));
      expect(await submitBundle(hub, submitter.token, bundle(shared), 'GREEN')).toMatchObject({ accepted: 600 });
      for (const object of shared) readable.add(object.id as string);
      for (const object of shared) submission.set(object.id as string, round);
      const amber = Array.from({ length: 100 }, (_, index) => ipIndicator(`172.16.${round}.${index}`));
      expect(await submitBundle(hub, submitter.token, bundle(amber), 'AMBER', { organizationIds: [other.id] })).toMatchObject({ accepted: 100 });
      for (const object of amber) hidden.add(object.id as string);
    }
    // The objects are written as the database's JSON text, parsed only when they may name an id to
    // withhold: references at the top, deep in custom properties, beside kept and required ones.
    const [hiddenId, otherHidden] = [...hidden];
    const [shownId] = [...readable];
    const family = malware('Streaming family');
    referring.report = report('Streaming report', [shownId, hiddenId]);
    referring.deep = malware('Streaming deep', { x_links: { deep: [{ target_ref: otherHidden }, { target_ref: shownId }], notes: 'a_ref": "x" in text' } });
    referring.marked = malware('Streaming marked', {
      granular_markings: [{ marking_ref: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', selectors: ['name'] }],
      x_seen_refs: [hiddenId, shownId],
    });
    referring.relationship = relationship(shownId, 'indicates', family.id as string, { x_evidence_ref: hiddenId });
    const extra = [family, ...Object.values(referring)];
    expect(await submitBundle(hub, submitter.token, bundle(extra), 'GREEN')).toMatchObject({ accepted: extra.length });
    for (const object of extra) readable.add(object.id as string);
    for (const object of extra) submission.set(object.id as string, 4);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('holds every readable object exactly once, and none of the hidden ones between them', async () => {
    const answer = await getExport(hub, 'stix', {}, reader.token);
    expect(answer.status).toBe(200);
    const ids = bundleObjects(answer.text).map((object) => object.id as string);
    expect(ids).toHaveLength(readable.size);
    expect(new Set(ids)).toEqual(readable);
    // Newest first across both parts of the read: the submissions come in the reverse of their order.
    const submissions = ids.map((id) => submission.get(id)!);
    expect(submissions).toEqual([...submissions].sort((a, b) => b - a));
    expect(answer.text).not.toContain('172.16.');
    for (const id of hidden) expect(answer.text).not.toContain(id);
    const values = (await getExport(hub, 'text', {}, reader.token)).text.split('\n').filter(Boolean);
    expect(values).toHaveLength(2400);
  });

  it('withholds references to hidden objects wherever they sit, and keeps the others', async () => {
    const objects = bundleObjects((await getExport(hub, 'stix', {}, reader.token)).text);
    const byId = new Map(objects.map((object) => [object.id as string, object]));
    const [shownId] = [...readable];
    expect(byId.get(referring.report.id as string)?.object_refs).toEqual([shownId]);
    expect((byId.get(referring.deep.id as string)?.x_links as { deep: unknown[] }).deep).toEqual([{}, { target_ref: shownId }]);
    expect(byId.get(referring.marked.id as string)).toMatchObject({ x_seen_refs: [shownId], granular_markings: referring.marked.granular_markings });
    const uses = byId.get(referring.relationship.id as string)!;
    expect(uses).toMatchObject({ source_ref: shownId, target_ref: referring.relationship.target_ref });
    expect(uses).not.toHaveProperty('x_evidence_ref');
  });

  it('a client that goes away mid-export leaves the hub serving', async () => {
    const controller = new AbortController();
    const response = await fetch(`${hub.url}/export/stix`, { headers: { authorization: `Bearer ${reader.token}` }, signal: controller.signal });
    const reader_ = response.body!.getReader();
    await reader_.read();
    controller.abort();
    await reader_.closed.catch(() => undefined);
    expect((await fetch(`${hub.url}/health`)).status).toBe(200);
    expect(bundleObjects((await getExport(hub, 'stix', {}, reader.token)).text)).toHaveLength(readable.size);
  });

  it('exports cut short give their database connection back (more of them than the hub keeps for exports)', async () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      const controller = new AbortController();
      const response = await fetch(`${hub.url}/export/stix`, { headers: { authorization: `Bearer ${reader.token}` }, signal: controller.signal });
      await response.body!.getReader().read();
      controller.abort();
    }
    expect(bundleObjects((await getExport(hub, 'stix', {}, reader.token)).text)).toHaveLength(readable.size);
  });
});
