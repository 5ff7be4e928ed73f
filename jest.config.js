// One jest run covers every project: unit specs beside the code, end-to-end specs in tests/.
// NestJS 12 ships as ES modules only, so the code and the tests run as ES modules too
// (jest needs node --experimental-vm-modules, which .npmrc sets for npm and npx).
import { readFileSync } from 'node:fs';

const rootDir = import.meta.dirname;
const swcrc = JSON.parse(readFileSync(`${rootDir}/.swcrc`, 'utf8'));
const { paths } = JSON.parse(readFileSync(`${rootDir}/tsconfig.base.json`, 'utf8')).compilerOptions;

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
// swc rewrites the @hub/* aliases itself (global setup runs outside jest's resolver); it needs an absolute base.
// jest resolves the extension-less imports itself, so swc must not add ".js".
const swcOptions = { ...swcrc, module: { type: 'es6' }, jsc: { ...swcrc.jsc, baseUrl: rootDir }, swcrc: false };

const shared = {
  rootDir,
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper,
  testEnvironment: 'node',
  // Decorator metadata is recorded when a class is defined; the polyfill must be there before any.
  setupFiles: ['reflect-metadata'],
};

export default {
  // End-to-end files start real servers; the limit is generous for a busy 2-core CI machine.
  testTimeout: 60000,
  // Most of a file's time is spent waiting on PostgreSQL, a hub or a browser: two files at a time keep
  // both cores of a 2-core machine busy. jest's default there (one worker) runs every file inside its
  // own process, where the modules of each file pile up (ES modules under vm are never freed): trivial
  // specs took a minute late in such a run, and one handle left open kept the run from ever exiting.
  maxWorkers: 2,
  // A worker whose memory has grown past this after a file is replaced before the next one.
  workerIdleMemoryLimit: '1GB',
  // The longest files first, also on a clean clone where jest knows no timings (see the file).
  testSequencer: '<rootDir>/tests/support/test-sequencer.js',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts', '<rootDir>/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
      setupFiles: ['reflect-metadata', '<rootDir>/tests/support/fresh-graphql-registry.ts'],
    },
  ],
};
