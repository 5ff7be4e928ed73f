import type { AudienceInput, Tlp } from '../api/schema-types';

/** The formats of POST /import, as a member names the file they hold. */
export const IMPORT_CHOICES = [
  { format: 'csv', label: 'CSV with a column mapping' },
  { format: 'text', label: 'Text: an advisory, an e-mail, a list (observables found in it)' },
  { format: 'misp', label: 'MISP event (JSON)' },
  { format: 'stix', label: 'STIX bundle (2.1, or 2.0 upgraded)' },
  { format: 'csaf', label: 'CSAF 2.0 advisory' },
] as const;

export type ImportFormatChoice = (typeof IMPORT_CHOICES)[number]['format'];

export interface ImportOptions {
  format: ImportFormatChoice;
  tlp: Tlp;
  audience: AudienceInput | undefined;
  anonymous: boolean;
  /** CSV only: the name of a saved mapping, or a mapping's JSON. */
  mapping?: string;
}

/** The path of POST /import for these choices (the file goes as the body). */
export function importPath(options: ImportOptions): string {
  const query = new URLSearchParams({ format: options.format, tlp: options.tlp });
  const audience = options.audience ?? {};
  for (const [name, values] of [
    ['organizationIds', audience.organizationIds],
    ['sharingGroupIds', audience.sharingGroupIds],
    ['audiences', audience.audiences],
    ['recipientEmails', audience.recipientEmails],
  ] as const) {
    if (values?.length) query.set(name, values.join(','));
  }
  if (options.anonymous) query.set('anonymous', 'true');
  if (options.format === 'csv' && options.mapping?.trim()) query.set('mapping', options.mapping.trim());
  return `/import?${query.toString()}`;
}

/**
 * The observables chosen after review, as a text file the text import reads back one a line: the
 * values are already refanged and normalised, so each line is found again as what was reviewed.
 */
export function reviewedText(observables: { value: string }[]): string {
  return `${observables.map((observable) => observable.value).join('\n')}\n`;
}

/** A job's counts in a sentence. */
export function jobSummary(job: { status: string; read: number; accepted: number; rejected: number; duplicates: number }): string {
  return `${job.status}: read ${job.read}, accepted ${job.accepted}, rejected ${job.rejected}, duplicates ${job.duplicates}`;
}

export const FINISHED_STATUSES: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled']);
