import { COMMANDS } from './cli-commands';
import { parseInvocation, UsageError } from './command-line';
import { formatForPeople } from './output';

describe('the command line', () => {
  it('reads a command, its options (repeated ones as a list) and --json wherever it stands', () => {
    const invocation = parseInvocation(['group', 'add', '--json', '--group', 'JWG', '--org', 'A', '--org', 'B'], COMMANDS);
    expect(invocation).toMatchObject({ kind: 'run', json: true, command: { name: 'group add' }, values: { group: 'JWG', org: ['A', 'B'] } });
    expect(parseInvocation(['org', 'list'], COMMANDS)).toMatchObject({ kind: 'run', json: false });
  });

  it('answers --help for the whole, for a family and for each command', () => {
    expect(parseInvocation(['--help'], COMMANDS)).toMatchObject({ kind: 'help', text: expect.stringContaining('key revoke') });
    const family = parseInvocation(['user', '--help'], COMMANDS);
    expect(family).toMatchObject({ kind: 'help', text: expect.stringContaining('user unlock') });
    expect(family).toMatchObject({ kind: 'help', text: expect.not.stringContaining('org create') });
    for (const command of COMMANDS) {
      expect(parseInvocation([...command.name.split(' '), '-h'], COMMANDS)).toMatchObject({ kind: 'help', text: expect.stringContaining(`Usage: hub ${command.name} `) });
    }
  });

  it('refuses unknown commands and options and missing ones, naming them', () => {
    const refusal = (argv: string[]) => {
      try {
        parseInvocation(argv, COMMANDS);
      } catch (error) {
        if (error instanceof UsageError) return error.message;
      }
      return 'accepted';
    };
    expect(refusal([])).toBe('No command given');
    expect(refusal(['org', 'frobnicate'])).toBe('Unknown command: org frobnicate');
    expect(refusal(['user', 'unlock'])).toBe('user unlock: missing --user');
    expect(refusal(['user', 'unlock', '--user', 'a@b.test', '--force'])).toMatch(/^user unlock: Unknown option '--force'/);
    expect(refusal(['user', 'reset-password', '--user', 'a@b.test'])).toBe('Give the password with exactly one of --password-stdin or --password');
  });
});

describe('output for people', () => {
  it('shows a list as a table with a header and a record as field: value lines', () => {
    expect(formatForPeople([{ email: 'a@b.test', active: true, groups: ['X', 'Y'] }, { email: 'longer@b.test', active: false, groups: [] }])).toBe(
      ['email          active  groups', 'a@b.test       true    X, Y', 'longer@b.test  false   -'].join('\n'),
    );
    expect(formatForPeople({ id: 'k1', revokedAt: null, createdAt: new Date('2026-01-02T03:04:05Z') })).toBe(
      ['id:        k1', 'revokedAt: -', 'createdAt: 2026-01-02T03:04:05.000Z'].join('\n'),
    );
    expect(formatForPeople([])).toBe('(none)');
  });
});
