import type { Tlp, WatchCriteriaInput } from '../api/schema-types';
import { classifyValue } from '../share/pattern-builder';

/** The create form of a watch filter, as typed: comma-separated lists and one observable per line. */
export interface WatchFilterForm {
  name: string;
  types: string;
  labels: string;
  indicatorTypes: string;
  malwareFamilies: string;
  observables: string;
  tlp: Tlp[];
}

export const EMPTY_WATCH_FILTER: WatchFilterForm = { name: '', types: '', labels: '', indicatorTypes: '', malwareFamilies: '', observables: '', tlp: [] };

function list(text: string): string[] {
  return [...new Set(text.split(',').map((item) => item.trim()).filter(Boolean))];
}

export interface CriteriaBuild {
  criteria: WatchCriteriaInput;
  problems: { line: number; message: string }[];
}

/** The API's criteria for the form; only lists with values are sent (an unset list matches anything). */
export function watchCriteria(form: WatchFilterForm): CriteriaBuild {
  const criteria: WatchCriteriaInput = {};
  const problems: CriteriaBuild['problems'] = [];
  const set = (key: 'types' | 'labels' | 'indicatorTypes' | 'malwareFamilies', text: string) => {
    const values = list(text);
    if (values.length) criteria[key] = values;
  };
  set('types', form.types);
  set('labels', form.labels);
  set('indicatorTypes', form.indicatorTypes);
  set('malwareFamilies', form.malwareFamilies);
  if (form.tlp.length) criteria.tlp = form.tlp;
  const observables = form.observables.split('\n').flatMap((line, index) => {
    if (!line.trim()) return [];
    const typed = classifyValue(line);
    if (!typed) {
      problems.push({ line: index + 1, message: 'is not an IP address or network, domain, URL, e-mail address or file hash' });
      return [];
    }
    return [{ type: typed.kind.startsWith('file-') ? 'file' : typed.kind, value: typed.value }];
  });
  if (observables.length) criteria.observables = observables;
  return { criteria, problems };
}

/** A watch filter's criteria in words, e.g. "types indicator; labels ransomware". */
export function describeCriteria(criteria: { types: string[]; labels: string[]; indicatorTypes: string[]; malwareFamilies: string[]; tlp: Tlp[]; observables: { type: string; value: string }[] }): string {
  const parts = [
    criteria.types.length ? `types ${criteria.types.join(', ')}` : '',
    criteria.labels.length ? `labels ${criteria.labels.join(', ')}` : '',
    criteria.indicatorTypes.length ? `indicator types ${criteria.indicatorTypes.join(', ')}` : '',
    criteria.malwareFamilies.length ? `malware ${criteria.malwareFamilies.join(', ')}` : '',
    criteria.tlp.length ? `TLP ${criteria.tlp.map((tlp) => tlp.replace('_', '+')).join(', ')}` : '',
    criteria.observables.length ? `values ${criteria.observables.map((item) => item.value).join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'every new object you may read';
}
