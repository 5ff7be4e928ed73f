export * from './vocabularies';
export * from './incident-core';
export * from './patient-care';
export * from './report';
export * from './figures';
export type { Issue, Issues } from './issues';
export * from './extension-schemas';
