import pg from 'pg';
import { sessionGraphql, sessionStatus, signInSession, signOutSession } from '../support/console-session';
import type { BrowserSession } from '../support/console-session';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { startTestHub, TEST_ADMIN } from '../support/test-hub';
import type { GraphqlResponse, TestHub } from '../support/test-hub';
import { connectLive } from '../support/ws-client';

const ME = '{ me { email } }';

function codeOf(response: GraphqlResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/** Browser sessions over HTTP: the cookie, CSRF, expiry and sign-out rules (the browser tests drive the console itself). */
describe('console sessions (/auth/session)', () => {
  let hub: TestHub;
  let db: pg.Client;
  let member: { id: string; email: string; password: string; token: string };
  let adminBearer: string;

  beforeAll(async () => {
    hub = await startTestHub();
    db = new pg.Client({ connectionString: hub.databaseUrl });
    await db.connect();
    adminBearer = await adminToken(hub);
    const org = await createOrganization(hub, adminBearer, { name: 'St Elsewhere', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'NL' });
    member = await createUser(hub, adminBearer, { email: 'analyst@elsewhere.test', role: 'ANALYST', organizationId: org.id });
  });

  afterAll(async () => {
    await db?.end();
    await hub?.close();
  });

  async function session(): Promise<BrowserSession> {
    return signInSession(hub, member.email, member.password);
  }

  it('signs in with an HttpOnly, SameSite=Strict cookie holding only an opaque id; Secure with __Host- behind TLS', async () => {
    const plain = await session();
    expect(plain.setCookie).toMatch(/^hub_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(plain.body.user.email).toBe(member.email);
    expect(JSON.stringify(plain.body)).not.toContain(plain.cookie.split('=')[1]);

    const tls = await signInSession(hub, member.email, member.password, { 'x-forwarded-proto': 'https' });
    expect(tls.setCookie).toMatch(/^__Host-hub_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const behindTls = { headers: { 'x-forwarded-proto': 'https' } };
    expect((await sessionGraphql(hub, tls, ME, {}, behindTls)).data).toEqual({ me: { email: member.email } });
    // Over TLS only the __Host- cookie counts: a plain-named one (planted by a sibling subdomain or
    // over plain HTTP) opens nothing, even holding a live session id.
    const planted = { ...tls, cookie: tls.cookie.replace(/^__Host-/, '') };
    expect((await sessionGraphql(hub, planted, ME, {}, behindTls)).data?.me ?? null).toBeNull();
  });

  it('a cookie opens the API only with its CSRF token: without it the request is anonymous, with a wrong one it is refused', async () => {
    const browser = await session();
    expect((await sessionGraphql(hub, browser, ME)).data).toEqual({ me: { email: member.email } });
    expect(codeOf(await sessionGraphql(hub, browser, ME, {}, { csrf: null }))).toBe('UNAUTHENTICATED');
    const wrong = await sessionGraphql(hub, browser, ME, {}, { csrf: 'A'.repeat(43) });
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0].message).toMatch(/CSRF/);
    // Another session's token does not open this one.
    const other = await session();
    expect(codeOf(await sessionGraphql(hub, browser, ME, {}, { csrf: other.csrfToken }))).toBe('UNAUTHENTICATED');
  });

  it('bearer tokens and API keys work as before, and win over a cookie in the same request', async () => {
    const key = await createApiKey(hub, member.token, { name: 'siem', distribution: 'INTERNAL' });
    expect((await hub.graphql(ME, {}, member.token)).data).toEqual({ me: { email: member.email } });
    expect((await hub.graphql(ME, {}, key.key)).data).toEqual({ me: { email: member.email } });
    const browser = await session();
    // The admin's bearer token with the member's cookie: the request is the admin's.
    const mixed = await sessionGraphql(hub, browser, ME, {}, { headers: { authorization: `Bearer ${adminBearer}` } });
    expect(mixed.data).toEqual({ me: { email: TEST_ADMIN.email } });
  });

  it('tells the console whether the cookie still holds, with its CSRF token; no cookie, no session', async () => {
    const browser = await session();
    const status = await sessionStatus(hub, browser.cookie);
    expect(status.body).toMatchObject({ signedIn: true, csrfToken: browser.csrfToken });
    expect((await sessionStatus(hub)).body).toEqual({ signedIn: false });
  });

  it('sign-out ends the session on the server: the old cookie and token open nothing afterwards', async () => {
    const browser = await session();
    const out = await signOutSession(hub, browser);
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^hub_session=; .*Max-Age=0/);
    const after = await sessionGraphql(hub, browser, ME);
    expect(codeOf(after)).toBe('UNAUTHENTICATED');
    expect(after.errors?.[0].message).toBe('You signed out; sign in again');
    expect((await sessionStatus(hub, browser.cookie)).body).toMatchObject({ signedIn: false, reason: 'signed_out' });
    const row = await db.query('SELECT end_reason FROM browser_session WHERE user_id = $1 AND ended_at IS NOT NULL', [member.id]);
    expect(row.rows.map((r: { end_reason: string }) => r.end_reason)).toContain('signed_out');
    const audited = await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.logout' AND target_id = $1`, [member.id]);
    expect(audited.rows[0].n).toBe(1);
  });

  it('ends after 30 idle minutes, and 12 hours after sign-in in any case, saying which', async () => {
    const idle = await session();
    await db.query(`UPDATE browser_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1 AND csrf_token = $2`, [member.id, idle.csrfToken]);
    const refused = await sessionGraphql(hub, idle, ME);
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0].message).toMatch(/30 minutes without activity/);
    expect((await sessionStatus(hub, idle.cookie)).body).toMatchObject({ signedIn: false, reason: 'idle' });

    const old = await session();
    // Active all along (last seen now), but signed in long ago.
    await db.query(`UPDATE browser_session SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour' WHERE csrf_token = $1`, [old.csrfToken]);
    expect(codeOf(await sessionGraphql(hub, old, ME))).toBe('UNAUTHENTICATED');
    expect((await sessionStatus(hub, old.cookie)).body).toMatchObject({ signedIn: false, reason: 'expired' });

    // Activity keeps a session alive: 29 minutes is not idle.
    const active = await session();
    await db.query(`UPDATE browser_session SET last_seen_at = now() - interval '29 minutes' WHERE csrf_token = $1`, [active.csrfToken]);
    expect((await sessionGraphql(hub, active, ME)).data).toEqual({ me: { email: member.email } });
  });

  it('a password change ends every browser session of that person', async () => {
    const org = await createOrganization(hub, adminBearer, { name: 'Clinic Two', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'BE' });
    const person = await createUser(hub, adminBearer, { email: 'nurse@two.test', role: 'MEMBER', organizationId: org.id });
    const browser = await signInSession(hub, person.email, person.password);
    const change = await hub.graphql('mutation { changePassword(currentPassword: "' + person.password + '", newPassword: "another long passphrase 7") { token } }', {}, person.token);
    expect(change.errors).toBeUndefined();
    expect(codeOf(await sessionGraphql(hub, browser, ME))).toBe('UNAUTHENTICATED');
  });

  it('refuses a sign-in from another origin, or sent as a form', async () => {
    const crossSite = await fetch(`${hub.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();
    const form = await fetch(`${hub.url}/auth/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: member.email, password: member.password }).toString(),
    });
    expect(form.status).toBe(400);
    expect(form.headers.get('set-cookie')).toBeNull();
    const wrong = await fetch(`${hub.url}/auth/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: member.email, password: 'nope nope nope' }) });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Invalid e-mail address or password' });
  });

  it('GraphQL over WebSocket authenticates with the cookie and the CSRF token in connection_init, never with the cookie alone', async () => {
    const browser = await session();
    const live = await connectLive(hub.url, { cookie: browser.cookie, csrf: browser.csrfToken });
    const alerts = await live.subscribe('subscription { alertRaised { id } }');
    expect(alerts.errors).toEqual([]);
    await live.close();

    // A page of another origin can open a socket that carries the cookie, but cannot know the token: it is anonymous.
    const hijack = await connectLive(hub.url, { cookie: browser.cookie });
    const refused = await hijack.subscribe('subscription { alertRaised { id } }');
    expect(JSON.stringify(refused.errors)).toContain('UNAUTHENTICATED');
    await hijack.close();

    await signOutSession(hub, browser);
    const ended = await connectLive(hub.url, { cookie: browser.cookie, csrf: browser.csrfToken });
    expect((await ended.closedWithin(5_000)) === 'still open' ? 'still open' : 'closed').toBe('closed');
    await ended.close();
  });
});
