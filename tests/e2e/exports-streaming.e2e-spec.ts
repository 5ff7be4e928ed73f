import { adminToken, createOrganization, createUser } from '../support/members';
import { bundleObjects, getExport } from '../support/exports';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * An export longer than one batch (1,000 rows): every readable object exactly once across the batch
 * boundaries, hidden objects interleaved with them left out, and a client that goes away mid-export
 * leaves the hub serving.
 */

describe('exports: streaming across batches', () => {
  let hub: TestHub;
  let reader: { token: string };
  const readable = new Set<string>();
  const hidden = new Set<string>();

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
      const amber = Array.from({ length: 100 }, (_, index) => ipIndicator(`172.16.${round}.${index}`));
      expect(await submitBundle(hub, submitter.token, bundle(amber), 'AMBER', { organizationIds: [other.id] })).toMatchObject({ accepted: 100 });
      for (const object of amber) hidden.add(object.id as string);
    }
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
    expect(answer.text).not.toContain('172.16.');
    const values = (await getExport(hub, 'text', {}, reader.token)).text.split('\n').filter(Boolean);
    expect(values).toHaveLength(2400);
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
