// The objects module: zod schemas of every STIX 2.1 object, the types inferred from them, and validation.
export { validateObject, type ValidationResult } from './validate';
export type { StixIssue } from './issues';
export * from './registry';
export { customObjectSchema } from './custom-object';
export { MAX_OBJECT_DEPTH } from './depth';
export {
  SDO_TYPES,
  SRO_TYPES,
  META_TYPES,
  SCO_TYPES as CYBER_OBSERVABLE_TYPES,
  kindOfType,
  isValidTypeName,
  type ObjectKind,
  type SdoType,
  type SroType,
  type ScoType,
  type MetaType,
  type StixType,
} from './object-types';
export * from './vocabularies';
export { PREDEFINED_EXTENSION_OWNERS } from './common';
export { canonicalHashAlgorithm } from './properties';
export { SIGHTING_TYPES, type SightingType } from './sro/sighting';

// The building blocks of the schemas, for libraries that define extensions of their own (@hub/incident-rules).
export { RuleContext, ALWAYS, type ObjectRule } from './rules';
export { joinPath, describeValue, withArticle, stixErrorMessage, splitIssues, WARNING_PARAMS } from './issues';
export { reportError, reportWarning, isRecord, nonEmptyList, openVocab, closedEnum, type CheckPayload } from './properties';
export { extensionValidation, type ExtensionValidation, type ExtensionSchemas, type ValidateOptions } from './extension-validation';
