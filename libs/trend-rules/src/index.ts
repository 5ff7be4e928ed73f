export * from './buckets';
export * from './figures';
export * from './rising';
export * from './suppression';
