// Import jobs: files in the formats members hold intelligence in, shared through the hub's ingestion.
export { ImportsModule } from './imports.module';
export { importsMigrations } from './migrations';
export { IMPORT_BATCH } from './jobs/import-worker';
export { importIdScope } from './jobs/import-id-scope';
