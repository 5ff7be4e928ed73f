import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { assertConsoleBuilt, launchBrowser } from '../support/browser';
import { adminToken, createOrganization, createUser, login } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator } from '../support/stix-builders';
import { startTestHub, TEST_ADMIN } from '../support/test-hub';
import type { TestHub } from '../support/test-hub';
import { at, mondayOf, receivedAt } from '../support/trends';

// A browser on a busy 2-core machine: generous, since a slow step is not what these tests are about.
const BROWSER_TEST_MS = 150_000;
const SUPPRESSED = 'suppressed (fewer than k sources)';
// CONSOLE_SCREENSHOTS=1 refreshes the pictures of docs/console.md; other runs leave the repository alone.
const SCREENSHOTS = process.env.CONSOLE_SCREENSHOTS === '1' ? 'docs/console' : undefined;

/**
 * The trends dashboard and the operators' pages in a real browser against the real hub.
 * Data (k = 2): the viewers are in Ministry (GOVERNMENT), which submits nothing. Three weeks ago,
 * Alpha and Bravo (PHARMA) and Charlie (HEALTHCARE_PROVIDER) each sent one AMBER indicator to Romeo
 * only, and Alpha one GREEN indicator everyone reads. Sector-wide, that week counts unreadable
 * objects (three organisations); Charlie's cell stands on one organisation, so it is suppressed, and
 * with it every cell beside a rest of fewer than k.
 */
describe('the console: trends dashboard and operators', () => {
  let hub: TestHub;
  let browser: Browser;
  let focal: { email: string; password: string };
  let recipient: { email: string; password: string };
  let charlie: string;
  let romeoId: string;
  const week = mondayOf(new Date(Date.now() - 21 * 86_400_000));
  const weekLabel = week.toISOString().slice(0, 10);

  beforeAll(async () => {
    assertConsoleBuilt();
    [hub, browser] = await Promise.all([startTestHub({ HUB_TREND_K: '2' }), launchBrowser()]);
    const admin = await adminToken(hub);
    const organization = (name: string, sector: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector, country: 'DE' });
    const [ministry, alpha, bravo, charlieOrg, romeo] = await Promise.all([
      organization('Ministry of Health', 'GOVERNMENT'),
      organization('Alpha Pharma', 'PHARMA'),
      organization('Bravo Pharma', 'PHARMA'),
      organization('Charlie Lone Clinic', 'HEALTHCARE_PROVIDER'),
      organization('Romeo IT', 'IT_SUPPLIER'),
    ]);
    romeoId = romeo.id;
    focal = await createUser(hub, admin, { email: 'focal@ministry.test', role: 'FOCAL_POINT', organizationId: ministry.id });
    recipient = await createUser(hub, admin, { email: 'r@romeo.test', role: 'MEMBER', organizationId: romeo.id });
    const a = (await createUser(hub, admin, { email: 'a@alpha.test', role: 'MEMBER', organizationId: alpha.id })).token;
    const b = (await createUser(hub, admin, { email: 'b@bravo.test', role: 'MEMBER', organizationId: bravo.id })).token;
    charlie = (await createUser(hub, admin, { email: 'c@charlie.test', role: 'MEMBER', organizationId: charlieOrg.id })).token;

    const sent: string[] = [];
    const send = async (token: string, name: string, tlp: 'GREEN' | 'AMBER', audience?: { organizationIds: string[] }) => {
      const object = indicator(`[domain-name:value = '${name}.example']`, { indicator_types: ['malicious-activity'], labels: ['campaign-x'] });
      expect(await submitBundle(hub, token, bundle([object]), tlp, audience)).toMatchObject({ accepted: 1 });
      sent.push(object.id as string);
    };
    await send(a, 'alpha-open', 'GREEN');
    await send(a, 'alpha-hidden', 'AMBER', { organizationIds: [romeo.id] });
    await send(b, 'bravo-hidden', 'AMBER', { organizationIds: [romeo.id] });
    await send(charlie, 'charlie-hidden', 'AMBER', { organizationIds: [romeo.id] });
    await receivedAt(hub, sent, at(week, 1, 10));
    if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function signedIn(who: { email: string; password: string }, next: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${hub.url}/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel('E-mail address').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
    return page;
  }

  /** The figures table as rows of cells, the header first. */
  async function figures(page: Page): Promise<string[][]> {
    await page.getByTestId('trends-table').waitFor();
    return page.getByTestId('trends-table').locator('tr').evaluateAll((rows) => rows.map((row) => Array.from((row as unknown as { children: ArrayLike<{ textContent: string | null }> }).children, (child) => child.textContent ?? '')));
  }

  async function cell(page: Page, rowLabel: string, column: string): Promise<string> {
    const table = await figures(page);
    const columnIndex = table[0].indexOf(column);
    const row = table.find((cells) => cells[0] === rowLabel);
    if (columnIndex < 0 || !row) throw new Error(`no cell ${rowLabel} × ${column} in ${JSON.stringify(table)}`);
    return row[columnIndex];
  }

  it(
    "a focal point's dashboard draws a suppressed cell as suppressed, never as 0, and downloads CSV and PNG",
    async () => {
      const page = await signedIn(focal, '/trends?groupBy=SECTOR&scope=SECTOR_WIDE');
      expect(new URL(page.url()).pathname).toBe('/trends');
      await page.getByTestId('trends-answer').waitFor();
      // The week counts the three hidden indicators and the open one; Charlie's sector alone is withheld.
      expect(await cell(page, weekLabel, 'All objects')).toBe('4');
      expect(await cell(page, weekLabel, 'HEALTHCARE_PROVIDER')).toBe(SUPPRESSED);
      const chart = page.getByTestId('chart-HEALTHCARE_PROVIDER');
      const hatched = chart.locator('rect[data-suppressed="true"]');
      expect(await hatched.count()).toBeGreaterThan(0);
      expect(await hatched.first().getAttribute('fill')).toMatch(/^url\(#.+-hatch\)$/);
      expect(await hatched.first().locator('title').textContent()).toBe(`${weekLabel}: ${SUPPRESSED}`);
      expect(await chart.locator('svg').getAttribute('role')).toBe('img');
      expect(await chart.locator('svg > desc').textContent()).toContain(SUPPRESSED);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/trends.png`, fullPage: false });

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the figures (CSV)' }).click()]);
      const csvText = readFileSync((await csv.path())!, 'utf8');
      expect(csvText).toContain(`${week.toISOString()},`);
      expect(csvText).toMatch(new RegExp(`^${week.toISOString()},[^,]+,true,true,SECTOR,HEALTHCARE_PROVIDER,,true,SECTOR_WIDE,2\\r$`, 'm'));
      expect(csvText).toMatch(new RegExp(`^${week.toISOString()},[^,]+,true,true,SECTOR,All objects,4,false,SECTOR_WIDE,2\\r$`, 'm'));

      const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download HEALTHCARE_PROVIDER as PNG' }).click()]);
      expect(png.suggestedFilename()).toMatch(/\.png$/);
      expect(readFileSync((await png.path())!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download HEALTHCARE_PROVIDER as SVG' }).click()]);
      const svgText = readFileSync((await svg.path())!, 'utf8');
      expect(svgText).toContain('<pattern');
      expect(svgText).toContain(`${weekLabel}: ${SUPPRESSED}`);

      // The same question for the recipient, who reads the hidden indicators: exact counts, no suppression.
      const reader = await signedIn(recipient, '/trends?groupBy=SECTOR&scope=SECTOR_WIDE');
      await reader.getByTestId('trends-answer').waitFor();
      expect(await cell(reader, weekLabel, 'HEALTHCARE_PROVIDER')).toBe('1');

      await page.goto(`${hub.url}/trends/briefing`);
      await page.getByTestId('briefing').waitFor();
      await page.getByRole('heading', { name: 'What rose' }).waitFor();
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/briefing.png` });
      await page.context().close();
      await reader.context().close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'a viewer who must not see an object sees nothing of it on any trends page; its recipient does',
    async () => {
      const questions = ['/trends?groupBy=LABEL&scope=SECTOR_WIDE', '/trends?groupBy=SECTOR&scope=SECTOR_WIDE', '/trends?groupBy=LABEL&scope=READABLE', '/trends?groupBy=SOURCE_KIND&scope=SECTOR_WIDE'];
      const page = await signedIn(focal, questions[0]);
      const pageText = async (path: string) => {
        await page.goto(`${hub.url}${path}`);
        await page.getByTestId('trends-answer').waitFor();
        return page.content();
      };
      const before: string[] = [];
      for (const path of questions) before.push(await pageText(path));

      // Charlie alone sends an AMBER indicator to Romeo two weeks ago: one organisation, fewer than k.
      const lone = indicator("[domain-name:value = 'lone-secret.example']", { indicator_types: ['compromised'], labels: ['lone-secret-label'] });
      expect(await submitBundle(hub, charlie, bundle([lone]), 'AMBER', { organizationIds: [romeoId] })).toMatchObject({ accepted: 1 });
      await receivedAt(hub, [lone.id as string], at(week, 8, 10));

      for (const [index, path] of questions.entries()) {
        const after = await pageText(path);
        expect({ path, same: after === before[index] }).toEqual({ path, same: true });
        expect(after).not.toContain('lone-secret');
        expect(after).not.toContain('Charlie');
      }
      await page.context().close();

      // The page can show it: to the organisation it was sent to, the label is there.
      const reader = await signedIn(recipient, '/trends?groupBy=LABEL&scope=READABLE');
      await reader.getByTestId('trends-answer').waitFor();
      expect(await reader.content()).toContain('lone-secret-label');
      await reader.context().close();
    },
    BROWSER_TEST_MS,
  );

  it(
    'an operator creates an organisation, a person and an API key (shown once), then revokes the key',
    async () => {
      const page = await signedIn(TEST_ADMIN, '/admin/organizations');
      await page.getByRole('heading', { name: 'Organisations' }).waitFor();
      await page.getByLabel('New organisation: name').fill('Nieuw Ziekenhuis');
      await page.getByLabel('New organisation: kind').selectOption('PUBLIC');
      await page.getByLabel('New organisation: sector').selectOption('HEALTHCARE_PROVIDER');
      await page.getByLabel('New organisation: country (ISO code)').fill('nl');
      await page.getByLabel('New organisation: size').selectOption('MEDIUM');
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await page.getByTestId('organizations').getByRole('rowheader', { name: 'Nieuw Ziekenhuis' }).waitFor();
      const created = await hub.graphql<{ organizations: { name: string; size: string | null }[] }>('{ organizations(filter: { search: "Nieuw" }) { name size } }', {}, await adminToken(hub));
      expect(created.data?.organizations).toEqual([{ name: 'Nieuw Ziekenhuis', size: 'MEDIUM' }]);
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/admin-organisations.png` });

      await page.getByRole('navigation', { name: 'Operator pages' }).getByRole('link', { name: 'People' }).click();
      await page.getByRole('heading', { name: 'People' }).waitFor();
      const newPerson = page.getByRole('form', { name: 'New person' });
      await newPerson.getByLabel('E-mail').fill('soc@nieuw.test');
      await newPerson.getByLabel('Organisation').selectOption({ label: 'Nieuw Ziekenhuis' });
      await newPerson.getByLabel('Role').selectOption('ANALYST');
      await newPerson.getByLabel('First password').fill('a first password 4 soc!');
      await page.getByRole('button', { name: 'Create person' }).click();
      await page.getByTestId('people').getByRole('rowheader', { name: 'soc@nieuw.test' }).waitFor();
      const token = await login(hub, 'soc@nieuw.test', 'a first password 4 soc!');
      const me = await hub.graphql<{ me: { role: string; organization: { name: string } } }>('{ me { role organization { name } } }', {}, token);
      expect(me.data?.me).toEqual({ role: 'ANALYST', organization: { name: 'Nieuw Ziekenhuis' } });

      await page.getByRole('navigation', { name: 'Operator pages' }).getByRole('link', { name: 'API keys' }).click();
      await page.getByLabel('What the key is for').fill('SIEM export');
      await page.getByRole('button', { name: 'Create key' }).click();
      const key = (await page.getByTestId('new-api-key').textContent())!.trim();
      // The key works (keys read; listing keys is for people only).
      const KEY_QUERY = '{ objects(first: 1) { pageInfo { hasNextPage } } }';
      const asKey = await hub.graphql(KEY_QUERY, {}, key);
      expect({ errors: asKey.errors, status: asKey.status }).toEqual({ errors: undefined, status: 200 });
      await page.getByTestId('api-keys').getByRole('rowheader', { name: 'SIEM export' }).waitFor();
      await page.reload();
      await page.getByTestId('api-keys').getByRole('rowheader', { name: 'SIEM export' }).waitFor();
      expect(await page.content()).not.toContain(key);
      await page.getByRole('button', { name: 'Revoke SIEM export' }).click();
      await page.getByTestId('admin-status').getByText('Revoke SIEM export: done.').waitFor();
      const revoked = await hub.graphql(KEY_QUERY, {}, key);
      expect(revoked.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      await page.getByRole('navigation', { name: 'Operator pages' }).getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('Action').fill('api_key.revoke');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByTestId('audit-log').locator('tbody tr').first().waitFor();
      expect(await page.getByTestId('audit-log').locator('tbody tr').first().textContent()).toContain('api_key.revoke');
      await page.context().close();
    },
    BROWSER_TEST_MS,
  );
});
