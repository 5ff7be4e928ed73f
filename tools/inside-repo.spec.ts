import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/*
 * A newcomer's clone has nothing beside it: CI's checkout has ../shared, a fresh clone has not. A file
 * that reads outside the repository passes here and fails there, so the test command refuses any file
 * that names a path outside the repository (a relative path climbing above the root, or shared/data).
 */

const ROOT = resolve(import.meta.dirname, '..');
const SKIPPED = [/^package-lock\.json$/, /(^|\/)node_modules\//, /\.(png|jpe?g|gif|ico|woff2?|gz|br)$/];

function repositoryFiles(): string[] {
  const listing = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  // This file holds examples of what it refuses.
  return listing.split('\0').filter((file) => file && file !== 'tools/inside-repo.spec.ts' && !SKIPPED.some((pattern) => pattern.test(file)));
}

/** The places in one file's text that point outside the repository, as `line: text`. */
export function pathsOutside(file: string, text: string, root = ROOT): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const where = `${index + 1}: ${line.trim().slice(0, 160)}`;
    // A line may say why a path that looks outside is not read from here (e.g. it is relative to another file).
    if (line.includes('inside-repo: ')) return;
    if (/shared[\\/]data(?![\w-])|'shared',\s*'data'|"shared",\s*"data"/.test(line)) {
      found.push(where);
      return;
    }
    // Relative paths in quotes, links or arguments: `../x`, `'../../..'`, `(../x.md)`.
    for (const match of line.matchAll(/(?:^|[\s'"`(=,[])((?:\.\.[\\/])*\.\.(?:[\\/][^\s'"`),\]]*)?)(?=$|[\s'"`),\]])/g)) {
      const target = resolve(dirname(join(root, file)), match[1]);
      const fromRoot = relative(root, target);
      if (fromRoot === '..' || fromRoot.startsWith(`..${sep}`)) {
        found.push(where);
        return;
      }
    }
  });
  return found;
}

describe('nothing in the repository reads outside it', () => {
  it('finds a path above the root, and shared/data, wherever they are written', () => {
    expect(pathsOutside('libs/stix/src/a.spec.ts', "const dir = resolve(import.meta.dirname, '../../../..', 'x');")).toHaveLength(1);
    // Written in pieces, so that this file does not itself hold what a text search for such paths finds.
    expect(pathsOutside('libs/stix/src/a.spec.ts', `readFileSync('${'../'.repeat(4)}shared/x.json')`)).toHaveLength(1);
    expect(pathsOutside('docs/a.md', 'see [the contract](../../shared/docs/api-contract.md)')).toHaveLength(1);
    expect(pathsOutside('tools/a.ts', `join(dir, ${["'shared'", "'data'"].join(', ')}, 'attack')`)).toHaveLength(1);
    expect(pathsOutside('libs/stix/src/a.ts', "import { x } from '../../access/src/x';")).toEqual([]);
    expect(pathsOutside('libs/stix/src/a.ts', "import { x } from '../shared/database-errors';")).toEqual([]);
    expect(pathsOutside('a.spec.ts', "['libs/a/src/probe.ts', \"import '../../b';\"], // inside-repo: relative to the probe file")).toEqual([]);
    expect(pathsOutside('libs/stix/src/a.ts', "const dots = '...'; const b = a..b;")).toEqual([]);
  });

  it('holds for every file of the repository', () => {
    const offenders = repositoryFiles().flatMap((file) => {
      const path = join(ROOT, file);
      let text: string;
      try {
        if (statSync(path).size > 1 << 20) return [];
        text = readFileSync(path, 'utf8');
      } catch {
        return []; // deleted in the working tree but still in git's index
      }
      if (text.includes('\0')) return [];
      return pathsOutside(file, text).map((where) => `${file}:${where}`);
    });
    expect(offenders).toEqual([]);
  });
});
