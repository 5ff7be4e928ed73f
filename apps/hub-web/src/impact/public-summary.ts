// The public summary as GET /public/impact-summary answers it (libs/incidents), and its rows for display.

export interface PublicFigure {
  count: number | null;
  suppressed: boolean;
}

export interface PublicImpactSummary {
  k: number;
  from: string;
  to: string;
  types: string[];
  buckets: { start: string; end: string; published: boolean; incidents: PublicFigure; byType: Record<string, PublicFigure>; sums: Record<string, PublicFigure> }[];
  totals: { incidents: PublicFigure; byType: Record<string, PublicFigure>; sums: Record<string, PublicFigure> };
}

export const SUM_LABELS: Record<string, string> = {
  disruptedCareDays: 'Days of disrupted care',
  edDiversionHours: 'Emergency department diversion (hours)',
  edClosureHours: 'Emergency department closure (hours)',
  patientsTransferred: 'Patients transferred',
  recordsExposed: 'Patient records exposed',
};

/** A figure as shown: withheld figures say so, never 0. */
export function shownFigure(figure: PublicFigure | undefined): string {
  if (!figure || figure.suppressed || figure.count === null) return 'withheld';
  return figure.count.toLocaleString('en');
}

/** "2026-03" for a month starting 2026-03-01T00:00:00Z. */
export function monthLabel(start: string): string {
  return start.slice(0, 7);
}

export async function fetchPublicSummary(): Promise<PublicImpactSummary> {
  const response = await fetch('/public/impact-summary', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The hub answered ${response.status}`);
  return (await response.json()) as PublicImpactSummary;
}
