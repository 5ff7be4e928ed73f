import { HubError } from '@hub/platform';
import { parseObjectFilter } from './input-parsing';

const keepObservable = (type: string, value: string) => ({ type, value });

function issuesOf(run: () => unknown): { path: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof HubError) return error.issues;
    throw error;
  }
  throw new Error('expected the filter to be refused');
}

describe('parseObjectFilter', () => {
  // Subscriptions arrive over WebSocket, past the HTTP body check: the filter refuses such text itself.
  it('refuses text PostgreSQL cannot store in labels, search and the observable', () => {
    const issues = issuesOf(() => parseObjectFilter({ labels: ['ok', 'a\u0000'], search: '\uD800', observable: { type: 'domain-name', value: 'x\u0000' } }, keepObservable));
    expect(issues.map((issue) => issue.path).sort()).toEqual(['filter.labels[1]', 'filter.observable.value', 'filter.search']);
  });

  it('keeps a valid filter as given', () => {
    expect(parseObjectFilter({ labels: ['ransomware'], search: ' lock \u{1F512} ' }, keepObservable)).toMatchObject({ labels: ['ransomware'], search: 'lock \u{1F512}' });
  });
});
