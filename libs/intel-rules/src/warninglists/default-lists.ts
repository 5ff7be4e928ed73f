// The hub's own warninglists, kept as MISP-format files in libs/intel-rules/lists so an operator can
// read, diff and re-import them in MISP. See docs/intel-rules.md for what each one holds and why.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseWarninglistJson, type Warninglist } from './warninglist';

/**
 * Where the default list files live: libs/intel-rules/lists of the repository this runs from, found
 * by walking up to the folder with package.json, so it works from the sources (tests) and from dist/
 * (`npm run build` compiles only .ts files), and never reads outside the repository.
 */
export const DEFAULT_WARNINGLISTS_DIR = findListsDir(import.meta.dirname);

function findListsDir(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'libs', 'intel-rules', 'lists');
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: run from inside the repository`);
  }
}

/**
 * Reads and validates every default list, sorted by file name. A broken file is a bug of this
 * repository (a unit test loads them all), so it throws with the file and the problems.
 */
export function readDefaultWarninglists(dir: string = DEFAULT_WARNINGLISTS_DIR): Warninglist[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const result = parseWarninglistJson(readFileSync(join(dir, file), 'utf8'));
      if (!result.ok) throw new Error(`${file}: ${result.errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`);
      return result.list;
    });
}
