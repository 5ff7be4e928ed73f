// Supply-chain exposure: what members run, matched against shared advisories (docs/exposure.md).
export { ExposureModule } from './exposure.module';
export { ExposureQueue } from './matching/exposure-queue.service';
export { exposureMigrations } from './migrations';
