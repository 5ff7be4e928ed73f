import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@hub/platform';
import { readWarninglistSource } from './warninglist-sources';
import { messageOf } from './warninglists.service';

describe('readWarninglistSource', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wl-sources-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a valid MISP list from a file', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ name: 'Ours', version: 4, description: 'd', type: 'hostname', list: ['cdn.example.org'], hub_action: 'block' }));
    await expect(readWarninglistSource(file)).resolves.toMatchObject({ name: 'Ours', version: 4, action: 'block', type: 'hostname' });
  });

  it('stops the start with one line naming a missing file', async () => {
    const missing = join(dir, 'missing.json');
    const error = await readWarninglistSource(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`Invalid configuration: HUB_WARNINGLISTS entry ${JSON.stringify(missing)} cannot be read (no such file)`);
  });

  it('names the entry that makes a file invalid', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'Bad', description: 'd', type: 'cidr', list: ['10.0.0.0/8', '10.0.0.0/33'] }));
    await expect(readWarninglistSource(file)).rejects.toThrow(
      `Invalid configuration: HUB_WARNINGLISTS entry ${JSON.stringify(file)} is not a valid MISP warninglist (list[1]: '10.0.0.0/33' is not an IPv4 or IPv6 address or CIDR block)`,
    );
    expect(await readWarninglistSource(file).then(() => '', (caught: Error) => caught.message)).not.toContain('\n');
  });

  it('reads a URL through the given fetch and reports a failed one in one line', async () => {
    const body = JSON.stringify({ name: 'Remote', description: 'd', list: ['x'] });
    await expect(readWarninglistSource('https://lists.example.org/r.json', async () => body)).resolves.toMatchObject({ name: 'Remote', version: 1 });
    await expect(
      readWarninglistSource('https://lists.example.org/r.json', async () => {
        throw new Error('HTTP 404');
      }),
    ).rejects.toThrow('Invalid configuration: HUB_WARNINGLISTS entry "https://lists.example.org/r.json" cannot be read (HTTP 404)');
  });
});

describe('messageOf', () => {
  it('names the value, the action, the list and the comment (or the entry when there is none)', () => {
    expect(messageOf('198.51.100.7', { list: 'Docs', action: 'block', category: 'false_positive', entry: '198.51.100.0/24', comment: 'TEST-NET-2' })).toBe(
      "198.51.100.7 is in the block list 'Docs' (TEST-NET-2)",
    );
    expect(messageOf('10.1.1.1', { list: 'Private', action: 'warn', category: 'false_positive', entry: '10.0.0.0/8' })).toBe("10.1.1.1 is in the warn list 'Private' (10.0.0.0/8)");
  });
});
