// One advisory can state several products that cover the same declared component (a range known to be
// affected, a version fixed, a product known not to be affected). The verdict for the component is
// decided here, erring towards "affected": a member must not be told it is safe because two statements
// of an advisory overlap.
import type { ProductStatus } from '../csaf/csaf-validate';

export type ExposureVerdict = 'affected' | 'conflicting' | 'under_investigation' | 'fixed' | 'not_affected';

const AFFECTED: ReadonlySet<ProductStatus> = new Set(['known_affected', 'first_affected', 'last_affected']);
const FIXED: ReadonlySet<ProductStatus> = new Set(['fixed', 'first_fixed', 'recommended']);

/**
 * The verdict from the statuses of every product of one vulnerability that covers one component:
 * - affected: some product is affected and none says fixed or not affected;
 * - conflicting: some says affected and some fixed or not affected (shown, and counted, as affected);
 * - under_investigation: the vendor does not know yet, and no product is affected;
 * - fixed: only fixed (or recommended) versions cover it;
 * - not_affected: only known_not_affected products cover it (with a justification in x_hub_vex).
 * Undefined when no status is given (no product covers the component).
 */
export function exposureVerdict(statuses: Iterable<ProductStatus>): ExposureVerdict | undefined {
  let affected = false;
  let fixed = false;
  let notAffected = false;
  let investigating = false;
  for (const status of statuses) {
    if (AFFECTED.has(status)) affected = true;
    else if (FIXED.has(status)) fixed = true;
    else if (status === 'known_not_affected') notAffected = true;
    else if (status === 'under_investigation') investigating = true;
  }
  if (affected) return fixed || notAffected ? 'conflicting' : 'affected';
  if (investigating) return 'under_investigation';
  if (fixed) return 'fixed';
  if (notAffected) return 'not_affected';
  return undefined;
}

/** Whether a verdict means the member runs something vulnerable (conflicts count, to be safe). */
export function isExposed(verdict: ExposureVerdict | undefined): boolean {
  return verdict === 'affected' || verdict === 'conflicting';
}
