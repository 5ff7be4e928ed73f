import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importIdScope } from './import-id-scope';
import { importItems, type SourceJob } from './import-sources';

const advisory = readFileSync(join(import.meta.dirname, '../../../../tests/fixtures/exposure/acme-pump-advisory.json'));

async function vulnerabilityIds(job: SourceJob): Promise<string[]> {
  const ids: string[] = [];
  async function* bytes() {
    yield new Uint8Array(advisory);
  }
  for await (const item of importItems(job, bytes, {})) {
    const id = (item as { stix?: { id?: string } }).stix?.id;
    if (id?.startsWith('vulnerability--')) ids.push(id);
  }
  return ids;
}

const SECRET = 'a secret of the hub';
const job = (id: string, organizationId: string, anonymous: boolean, secret = SECRET): SourceJob => ({
  id,
  organizationId,
  anonymous,
  format: 'csaf',
  tlp: 'GREEN',
  mapping: undefined,
  createdAt: new Date('2026-12-01T00:00:00Z'),
  idScope: importIdScope(secret, { id, organizationId, anonymous }),
});

describe('CSAF imports: the ids of what they make', () => {
  it('are the same for every import of one organisation (new versions), and differ between organisations', async () => {
    const first = await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000001', 'org-a', false));
    expect(first).toHaveLength(1);
    expect(await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000002', 'org-a', false))).toEqual(first);
    expect(await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000003', 'org-b', false))).not.toEqual(first);
  });

  it("cannot be computed from the organisation's id alone: they depend on the hub's secret", async () => {
    const first = await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000001', 'org-a', false));
    expect(await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000001', 'org-a', false, 'another hub'))).not.toEqual(first);
    expect(importIdScope(SECRET, { id: 'job', organizationId: 'org-a', anonymous: false })).not.toContain('org-a');
  });

  it('of an anonymous import name neither its organisation nor another import', async () => {
    const named = await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000001', 'org-a', false));
    const anonymous = await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000004', 'org-a', true));
    expect(anonymous).toHaveLength(1);
    expect(anonymous).not.toEqual(named);
    expect(await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000005', 'org-a', true))).not.toEqual(anonymous);
    // A resumed job (the same job) makes the same objects again.
    expect(await vulnerabilityIds(job('0b6d5a4e-1111-4b7e-9a53-000000000004', 'org-a', true))).toEqual(anonymous);
  });
});
