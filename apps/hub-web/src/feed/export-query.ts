import type { Tlp } from '../api/schema-types';
import { list } from './feed-filter';
import type { FeedFilterForm } from './feed-filter';

/** The formats of GET /export/{format}, as a SOC names them. */
export const EXPORT_CHOICES = [
  { format: 'stix', label: 'STIX 2.1 bundle' },
  { format: 'csv', label: 'CSV, one observable a row' },
  { format: 'text', label: 'Plain list of values (firewall, proxy)' },
  { format: 'suricata', label: 'Suricata rules' },
  { format: 'snort', label: 'Snort rules' },
  { format: 'rpz', label: 'DNS response-policy zone (domains)' },
] as const;

export type ExportFormatChoice = (typeof EXPORT_CHOICES)[number]['format'];

export interface ExportOptions {
  format: ExportFormatChoice;
  /** The widest marking to include; empty: everything the viewer may read. */
  maxTlp: Tlp | '';
  /** Leave out values on a warn warninglist (private ranges, public resolvers): for block lists. */
  excludeWarned: boolean;
}

/**
 * The export of what the feed's filter selects, as far as the export takes the same filters: types,
 * labels and the days received (`until` includes the whole day, as in the feed). `notCarried` names
 * the feed's filters the export has no parameter for, so the page can say the file holds more.
 */
export function exportRequest(filter: FeedFilterForm, options: ExportOptions): { path: string; notCarried: string[] } {
  const query = new URLSearchParams();
  if (list(filter.types).length) query.set('types', list(filter.types).join(','));
  if (list(filter.labels).length) query.set('labels', list(filter.labels).join(','));
  if (/^\d{4}-\d{2}-\d{2}$/.test(filter.since)) query.set('since', filter.since);
  if (/^\d{4}-\d{2}-\d{2}$/.test(filter.until)) query.set('until', new Date(Date.parse(`${filter.until}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10));
  if (options.maxTlp) query.set('maxTlp', options.maxTlp);
  if (options.excludeWarned) query.set('excludeWarned', 'true');
  const notCarried = [
    ...(filter.search.trim() ? ['the text search'] : []),
    ...(filter.tlp.length ? ['the TLP boxes (choose a widest TLP here)'] : []),
    ...(filter.sourceOrganizationId ? ['the source organisation'] : []),
    ...(filter.sector ? ['the source sector'] : []),
  ];
  const text = query.toString();
  return { path: `/export/${options.format}${text ? `?${text}` : ''}`, notCarried };
}

/** The file name the hub gives (Content-Disposition), or one made from the format. */
export function exportFileName(contentDisposition: string | null, format: ExportFormatChoice): string {
  const named = /filename="([^"/\\]+)"/.exec(contentDisposition ?? '')?.[1];
  const extension = { stix: 'json', csv: 'csv', text: 'txt', suricata: 'rules', snort: 'rules', rpz: 'zone' }[format];
  return named ?? `hub-export.${extension}`;
}
