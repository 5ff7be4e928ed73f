/**
 * Size bands of an organisation by staff (head count), as a health-sector ISAC asks its members, in the EU
 * SME thresholds (Recommendation 2003/361/EC): MICRO under 10, SMALL 10–49, MEDIUM 50–249, LARGE 250 or more.
 * Optional: an organisation without one counts under "(none)" where figures are grouped by size.
 */
export const ORGANIZATION_SIZES = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const;

export type OrganizationSize = (typeof ORGANIZATION_SIZES)[number];
