// Pure rules for turning shared intelligence into "what to block today": warninglists (MISP format),
// correlation keys and exclusions, and scores that decay. No Nest, no database.

export * from './ip';
export * from './correlation';
export * from './decay';
export { compileMispRegex, unsafeConstruct, MAX_REGEX_LENGTH } from './warninglists/regex';
export { observableTypesFor } from './warninglists/attributes';
export * from './warninglists/warninglist';
export { compileWarninglists, hostOf, type WarninglistHit, type WarninglistMatcher } from './warninglists/matcher';
export { DEFAULT_WARNINGLISTS_DIR, readDefaultWarninglists } from './warninglists/default-lists';
export { organisationAssetLists, type OrganisationAssets } from './warninglists/asset-list';
export * from './asset-entries';
