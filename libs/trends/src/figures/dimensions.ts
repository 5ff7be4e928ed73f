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
  /** Keys are free text (types, indicator types, labels, malware names), shown only when the viewer could know them. */
  freeTextKeys: boolean;
}

/** Within a profile part and in row-by-row answers, the bucket's total is stored under this key. */
export const TOTAL_KEY = '';

export const DIMENSIONS: Record<TrendGroupBy, Dimension> = {
  // Custom STIX types and indicator_types (an open vocabulary) are whatever a submitter wrote.
  OBJECT_TYPE: { rollupDim: 'type', rollupTotal: { dim: 'all', key: '' }, universe: null, freeTextKeys: true },
  INDICATOR_TYPE: { rollupDim: 'indicator_type', rollupTotal: { dim: 'type', key: 'indicator' }, universe: ['indicator'], freeTextKeys: true },
  SECTOR: { rollupDim: 'sector', rollupTotal: { dim: 'all', key: '' }, universe: null, freeTextKeys: false },
  SOURCE_KIND: { rollupDim: 'kind', rollupTotal: { dim: 'all', key: '' }, universe: null, freeTextKeys: false },
  TLP: { rollupDim: 'tlp', rollupTotal: { dim: 'all', key: '' }, universe: null, freeTextKeys: false },
  LABEL: { rollupDim: 'label', rollupTotal: { dim: 'all', key: '' }, universe: null, freeTextKeys: true },
  // Families come from relationships the viewer may (or, for sector-wide counts, may not) read: row by row.
  MALWARE_FAMILY: { rollupDim: null, rollupTotal: { dim: 'all', key: '' }, universe: ['indicator', 'malware'], freeTextKeys: true },
};
