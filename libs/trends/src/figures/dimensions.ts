import { INDICATOR_TYPE_OV, kindOfType } from '@hub/stix';
import { NO_VALUE_KEY } from '@hub/trend-rules';
import { TrendGroupBy } from '../trend-query';

/** Where the bucket's total lives in the viewer-independent rollups (trend_key_dims / trend_key_values). */
export interface RollupTotal {
  dim: string;
  key: string;
}

/** How one grouping is computed. */
export interface Dimension {
  /** The dimension's name in the rollups and in trend_key_dims(); null when only computed row by row. */
  rollupDim: string | null;
  rollupTotal: RollupTotal;
  /** The object types the grouping counts; null: every type. */
  universe: string[] | null;
  /** Keys that are content (written by submitters), shown only when the viewer could know them. */
  isFreeText: (key: string) => boolean;
}

/** Within a profile part and in row-by-row answers, the bucket's total is stored under this key. */
export const TOTAL_KEY = '';

const closedSet = () => false;
// STIX types and indicator types outside the specification are whatever a submitter wrote.
const customType = (key: string) => kindOfType(key) === 'custom';
const customIndicatorType = (key: string) => key !== NO_VALUE_KEY && !INDICATOR_TYPE_OV.values.has(key);
const anyValue = (key: string) => key !== NO_VALUE_KEY;

export const DIMENSIONS: Record<TrendGroupBy, Dimension> = {
  OBJECT_TYPE: { rollupDim: 'type', rollupTotal: { dim: 'all', key: '' }, universe: null, isFreeText: customType },
  INDICATOR_TYPE: { rollupDim: 'indicator_type', rollupTotal: { dim: 'type', key: 'indicator' }, universe: ['indicator'], isFreeText: customIndicatorType },
  SECTOR: { rollupDim: 'sector', rollupTotal: { dim: 'all', key: '' }, universe: null, isFreeText: closedSet },
  SOURCE_KIND: { rollupDim: 'kind', rollupTotal: { dim: 'all', key: '' }, universe: null, isFreeText: closedSet },
  TLP: { rollupDim: 'tlp', rollupTotal: { dim: 'all', key: '' }, universe: null, isFreeText: closedSet },
  LABEL: { rollupDim: 'label', rollupTotal: { dim: 'all', key: '' }, universe: null, isFreeText: anyValue },
  // Families come from relationships the viewer may (or, for sector-wide counts, may not) read: row by row.
  MALWARE_FAMILY: { rollupDim: null, rollupTotal: { dim: 'all', key: '' }, universe: ['indicator', 'malware'], isFreeText: anyValue },
};
