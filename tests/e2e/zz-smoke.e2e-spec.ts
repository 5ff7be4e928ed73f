import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { startTestHub, TestHub } from '../support/test-hub';

describe('smoke', () => {
  let hub: TestHub;
  beforeAll(async () => { hub = await startTestHub({ LOG_LEVEL: 'warn' }); });
  afterAll(async () => { await hub?.close(); });
  it('works', async () => {
    const admin = await adminToken(hub);
    console.log((await hub.graphql('{ me { id email role organization { name country } } }', {}, admin)).text);
    const org = await createOrganization(hub, admin, { name: 'Nemocnice', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'cz' });
    const user = await createUser(hub, admin, { email: 'A@x.cz', role: 'MEMBER', organizationId: org.id });
    const key = await createApiKey(hub, user.token, { name: 'siem', distribution: 'INTERNAL' });
    console.log((await hub.graphql('{ me { id email } apiKeys { id prefix } }', {}, key.key)).text);
    console.log((await hub.graphql('{ apiKeys { id prefix createdByEmail active } organizations { name identity } sharingGroups { id } }', {}, user.token)).text);
    console.log((await hub.graphql('{ users { totalCount edges { node { email } } } }', {}, user.token)).text);
    console.log((await hub.graphql('{ auditLog { totalCount edges { node { action outcome actorKind details ip } } } }', {}, admin)).text);
    console.log((await fetch(`${hub.url}/health`)).status);
  });
});
