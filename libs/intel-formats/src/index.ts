// @hub/intel-formats: intelligence in the formats members hold it (free text, CSV, MISP events, STIX 2.0)
// into STIX 2.1, and the hub's intelligence out as what their tools read (CSV, block lists, Suricata and
// Snort rules, DNS response-policy zones). Pure and streaming: no I/O, no framework; callers pass text or
// byte chunks as (async) iterables and read results the same way. See docs/intel-formats.md.

export { FormatError, printable, type FormatErrorCode, type FormatIssue } from './common/issues';
export { batches, collect, joinText, type AnyIterable } from './common/iterables';
export { decodeText, detectEncoding, type DetectedEncoding, type TextEncoding } from './common/decode';
export {
  comparisonFor,
  patternForObservable,
  patternOf,
  scoForObservable,
  typedObservable,
  type Comparison,
  type TypedObservable,
} from './common/observable-pattern';

export {
  ObservableExtractor,
  extractObservablesFromChunks,
  extractObservablesFromText,
  type ExtractedObservable,
  type ExtractedObservableType,
} from './text/extract';
export { refang } from './text/refang';
export { IANA_TLDS } from './text/tlds';

export { CsvParser, detectDelimiter, isBlankRecord, parseCsv, type CsvDelimiter, type CsvParserOptions, type CsvRecord } from './csv/parser';
export { csvMappingSchema, parseCsvMapping, resolveColumns, type CsvMapping } from './csv/mapping';
export { csvBytesToIndicators, csvToIndicators, type CsvImportEvent, type CsvImportOptions, type CsvRowResult } from './csv/to-indicators';

export { convertMispEvent, mispObjectUuid, unknownTlpTagMessage, type MispConversion, type MispConversionOptions, type MispTlpTag, type ObjectMarking } from './misp/convert';
export { SUPPORTED_MISP_ATTRIBUTE_TYPES, convertAttribute, type ConvertedAttribute } from './misp/attributes';

export { isStix20, upgradeStix20Bundle, upgradeStix20Object, upgradeStix20Objects, type UpgradeResult } from './stix20/upgrade';

export { exportItems, itemsOfObject, type ExportItem, type ExportObservable } from './export/items';
export { csvField, writeCsv } from './export/csv';
export { writeValueList, type ValueListOptions } from './export/values';
export { writeIdsRules, writeSnortRules, writeSuricataRules, type RuleEngine, type RuleOptions } from './export/ids-rules';
export { writeRpz, type RpzOptions } from './export/rpz';
export { SidAllocator, contentString, msgString } from './export/rule-text';
