// What the export writers read: observables with the indicator (or SCO) they came from. Writers accept
// STIX objects straight from a database cursor (indicators with STIX patterns, SCOs) or ready-made items.
import { normalizeObservable, observablesFromPattern, observablesFromSco, type ObservableType } from '@hub/stix';
import type { AnyIterable } from '../common/iterables';

export interface ExportObservable {
  type: ObservableType;
  value: string;
  hashAlgorithm?: string;
}

export interface ExportItem {
  observable: ExportObservable;
  /** The STIX id of the indicator or SCO the value came from. */
  sourceId?: string;
  name?: string;
  validFrom?: string;
  validUntil?: string;
  confidence?: number;
  labels?: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The export items of one STIX object (none for objects that name no observable). */
export function itemsOfObject(object: unknown): ExportItem[] {
  if (!isRecord(object)) return [];
  if (isRecord(object.observable)) return [object as unknown as ExportItem];
  if (typeof object.type !== 'string') return [];
  const sourceId = text(object.id);
  if (object.type === 'indicator') {
    if (text(object.pattern_type)?.toLowerCase() !== 'stix' || typeof object.pattern !== 'string') return [];
    const context = {
      ...(sourceId ? { sourceId } : {}),
      ...(text(object.name) ? { name: text(object.name) } : {}),
      ...(text(object.valid_from) ? { validFrom: text(object.valid_from) } : {}),
      ...(text(object.valid_until) ? { validUntil: text(object.valid_until) } : {}),
      ...(typeof object.confidence === 'number' ? { confidence: object.confidence } : {}),
      ...(Array.isArray(object.labels) ? { labels: object.labels.filter((label): label is string => typeof label === 'string') } : {}),
    };
    return observablesFromPattern(object.pattern).map(({ type, value, hashAlgorithm }) => ({ observable: { type, value, ...(hashAlgorithm ? { hashAlgorithm } : {}) }, ...context }));
  }
  return observablesFromSco(object).map(({ type, value, hashAlgorithm }) => ({ observable: { type, value, ...(hashAlgorithm ? { hashAlgorithm } : {}) }, ...(sourceId ? { sourceId } : {}) }));
}

/**
 * Items of a stream of STIX objects or items. Every value is normalised again here, whatever its source:
 * the writers rely on canonical values (no spaces, no control characters) to keep their output well formed.
 */
export async function* exportItems(input: AnyIterable<unknown>, onSkip?: (observable: ExportObservable, reason: string) => void): AsyncGenerator<ExportItem> {
  for await (const object of input) {
    for (const item of itemsOfObject(object)) {
      const normalized = normalizeObservable(String(item.observable.type), String(item.observable.value));
      if ('error' in normalized) {
        onSkip?.(item.observable, normalized.error);
        continue;
      }
      yield { ...item, observable: { ...item.observable, ...normalized } };
    }
  }
}
