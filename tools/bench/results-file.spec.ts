import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSection } from './results-file';

describe('writeSection', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-results-')), 'benchmarks.md');

  it('appends a new section, then replaces only that section', () => {
    writeFileSync(file, '# Benchmarks\n\n<!-- bench:a:start -->\nold a\n<!-- bench:a:end -->\n\ntail\n');
    writeSection(file, 'b', ['new b']);
    writeSection(file, 'a', ['new a', 'second line']);
    expect(readFileSync(file, 'utf8')).toBe(
      '# Benchmarks\n\n<!-- bench:a:start -->\nnew a\nsecond line\n<!-- bench:a:end -->\n\ntail\n\n<!-- bench:b:start -->\nnew b\n<!-- bench:b:end -->\n',
    );
  });
});
