import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

// swc (the build, and jest through @swc/jest) keeps its own copy of the @hub/* aliases: a library
// added to tsconfig.base.json only type-checks, then fails to load once built.
const ROOT = resolve(import.meta.dirname, '..');
const read = (file: string) => JSON.parse(readFileSync(resolve(ROOT, file), 'utf8'));

describe('path aliases', () => {
  it('are the same for TypeScript and for swc', () => {
    expect(read('.swcrc').jsc.paths).toEqual(read('tsconfig.base.json').compilerOptions.paths);
  });
});
