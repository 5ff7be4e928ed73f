import type { ProductStatus } from '../csaf/csaf-validate';
import { exposureVerdict, isExposed, type ExposureVerdict } from './verdict';

describe('exposure verdict from the statuses of the products covering a component', () => {
  it.each<[ProductStatus[], ExposureVerdict | undefined, boolean]>([
    [[], undefined, false],
    [['known_affected'], 'affected', true],
    [['first_affected', 'last_affected'], 'affected', true],
    [['known_affected', 'fixed'], 'conflicting', true],
    [['known_affected', 'known_not_affected'], 'conflicting', true],
    [['known_affected', 'under_investigation'], 'affected', true],
    [['under_investigation'], 'under_investigation', false],
    [['under_investigation', 'fixed'], 'under_investigation', false],
    [['fixed'], 'fixed', false],
    [['first_fixed', 'recommended'], 'fixed', false],
    [['fixed', 'known_not_affected'], 'fixed', false],
    [['known_not_affected'], 'not_affected', false],
  ])('%j → %s (exposed: %s)', (statuses, verdict, exposed) => {
    expect(exposureVerdict(statuses)).toBe(verdict);
    expect(isExposed(exposureVerdict(statuses))).toBe(exposed);
  });
});
