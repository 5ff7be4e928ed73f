import { SECTORS } from '@hub/members';
import { INDICATOR_TYPE_OV } from '@hub/stix';
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
  /**
   * Keys every sector-wide answer lists, whatever the data: the grouping's closed vocabulary. Listing
   * a key only when something carries it would tell that unreadable objects of fewer than k
   * organisations do. Other keys (labels, malware names, STIX types, indicator types outside the
   * vocabulary) are listed only when the viewer could know them (docs/trends.md).
   */
  fixedKeys: readonly string[];
  /** False for keys no unreadable object can have. */
  canHoldUnreadable: (key: string) => boolean;
}

/** Within a profile part and in row-by-row answers, the bucket's total is stored under this key. */
export const TOTAL_KEY = '';

const any = () => true;
// Sector-wide answers count unreadable AMBER and AMBER+STRICT objects only (never RED).
const restrictedLevel = (key: string) => key === 'AMBER' || key === 'AMBER_STRICT';
const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

export const DIMENSIONS: Record<TrendGroupBy, Dimension> = {
  // STIX defines some forty types; listing them all in every answer would bury the few in use.
  OBJECT_TYPE: { rollupDim: 'type', rollupTotal: { dim: 'all', key: '' }, universe: null, fixedKeys: [], canHoldUnreadable: any },
  INDICATOR_TYPE: {
    rollupDim: 'indicator_type',
    rollupTotal: { dim: 'type', key: 'indicator' },
    universe: ['indicator'],
    fixedKeys: [...INDICATOR_TYPE_OV.values, NO_VALUE_KEY],
    canHoldUnreadable: any,
  },
  // Anonymous sources count under their pseudonym's sector, or under NO_VALUE_KEY when it names none.
  SECTOR: { rollupDim: 'sector', rollupTotal: { dim: 'all', key: '' }, universe: null, fixedKeys: [...SECTORS, NO_VALUE_KEY], canHoldUnreadable: any },
  SOURCE_KIND: { rollupDim: 'kind', rollupTotal: { dim: 'all', key: '' }, universe: null, fixedKeys: ['PUBLIC', 'PRIVATE', 'ANONYMOUS'], canHoldUnreadable: any },
  TLP: { rollupDim: 'tlp', rollupTotal: { dim: 'all', key: '' }, universe: null, fixedKeys: TLP_LEVELS, canHoldUnreadable: restrictedLevel },
  LABEL: { rollupDim: 'label', rollupTotal: { dim: 'all', key: '' }, universe: null, fixedKeys: [NO_VALUE_KEY], canHoldUnreadable: any },
  // Families come from relationships the viewer may (or, for sector-wide counts, may not) read: row by row.
  MALWARE_FAMILY: { rollupDim: null, rollupTotal: { dim: 'all', key: '' }, universe: ['indicator', 'malware'], fixedKeys: [NO_VALUE_KEY], canHoldUnreadable: any },
};
