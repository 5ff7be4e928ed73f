import { gql } from '../api/graphql';
import type { CsvMapping, ExtractedObservable, ImportJob } from '../api/schema-types';

// The import page's documents; validated against schema.graphql by documents.spec.ts.

export type ImportJobView = Pick<ImportJob, 'id' | 'status' | 'format' | 'tlp' | 'read' | 'accepted' | 'rejected' | 'duplicates' | 'cancelRequested' | 'created' | 'finished'> & {
  errors: { path: string; message: string }[];
};

const JOB_FIELDS = 'id status format tlp read accepted rejected duplicates cancelRequested created finished errors { path message }';

export const EXTRACT_OBSERVABLES = gql<{ extractObservables: Pick<ExtractedObservable, 'type' | 'value' | 'original' | 'defanged' | 'line' | 'hashAlgorithm'>[] }, { text: string }>(
  `query ExtractObservables($text: String!) { extractObservables(text: $text) { type value original defanged line hashAlgorithm } }`,
);

export const IMPORT_JOB = gql<{ importJob: ImportJobView }, { id: string }>(`query ImportJob($id: ID!) { importJob(id: $id) { ${JOB_FIELDS} } }`);

export const IMPORT_JOBS = gql<{ importJobs: { edges: { node: ImportJobView }[] } }, { first: number }>(`query ImportJobs($first: Int) { importJobs(first: $first) { edges { node { ${JOB_FIELDS} } } } }`);

export const CANCEL_IMPORT_JOB = gql<{ cancelImportJob: ImportJobView }, { id: string }>(`mutation CancelImportJob($id: ID!) { cancelImportJob(id: $id) { ${JOB_FIELDS} } }`);

export const CSV_MAPPINGS = gql<{ csvMappings: Pick<CsvMapping, 'name'>[] }, Record<string, never>>(`query CsvMappings { csvMappings { name } }`);
