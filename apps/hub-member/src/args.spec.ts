import { checkOptions, parseArgs } from './args';
import { EXIT } from './exit-codes';
import { exportQuery } from './export-command';

describe('parseArgs', () => {
  const flags = new Set(['json', 'help', 'include-revoked']);

  it('reads --name value, --name=value, -o value, flags and positionals in any order', () => {
    const args = parseArgs(['--url=http://hub', 'export', '--json', 'csv', '-o', 'out.csv', '--types', 'indicator'], flags);
    expect(args.positionals).toEqual(['export', 'csv']);
    expect(Object.fromEntries(args.options)).toEqual({ url: 'http://hub', json: true, output: 'out.csv', types: 'indicator' });
  });

  it('keeps what follows -- as positionals', () => {
    expect(parseArgs(['lookup', '--', 'url', '--weird'], flags).positionals).toEqual(['lookup', 'url', '--weird']);
  });

  it.each([
    [['--types'], '--types needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['-x'], 'unknown option -x'],
  ])('refuses %j as a usage error', (argv, message) => {
    expect(() => parseArgs(argv, flags)).toThrow(expect.objectContaining({ message, exitCode: EXIT.USAGE }));
  });

  it('names an option no command knows as unknown, even last on the line where it would need a value', () => {
    expect(() => parseArgs(['export', 'stix', '--bogus'], flags, new Set(['types']))).toThrow(expect.objectContaining({ message: 'unknown option --bogus', exitCode: EXIT.USAGE }));
    expect(() => parseArgs(['export', '--types'], flags, new Set(['types']))).toThrow('--types needs a value');
  });

  it('checkOptions names an option the command does not know', () => {
    expect(() => checkOptions(parseArgs(['--colour', 'red'], flags), ['url'])).toThrow('unknown option --colour');
  });
});

describe('exportQuery', () => {
  it('maps the command-line filters to the parameters of GET /export/{format}', () => {
    const args = parseArgs(['--max-tlp', 'AMBER', '--observable-types', 'url,domain-name', '--include-revoked', '--min-score', '5', '--exclude-decayed'], new Set(['include-revoked', 'exclude-decayed']));
    expect(exportQuery(args).toString()).toBe('observableTypes=url%2Cdomain-name&maxTlp=AMBER&minScore=5&includeRevoked=true&excludeDecayed=true');
  });
});
