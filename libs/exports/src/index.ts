// Exports: GET /export/{format} over the feed's read rules (docs/exports.md).
export { ExportsModule } from './exports.module';
export { EXPORT_FORMATS, parseExportRequest } from './export-query';
export type { ExportFormat, ExportRequest } from './export-query';
export { FORMAT_INFO, writeStixBundle } from './export-formats';
