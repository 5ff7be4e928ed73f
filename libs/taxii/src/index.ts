// TAXII 2.1 server: discovery, API root, collections, objects, manifest, versions, status.
export { TaxiiModule } from './taxii.module';
export { taxiiMigrations } from './migrations';
export { collectionIdOf } from './collections/collection-catalog';
export { TAXII_MEDIA_TYPE } from './http/media-type';
