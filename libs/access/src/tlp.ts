/** TLP 2.0 levels, from the widest to the strictest; the rank is what the database stores. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

export function tlpRank(tlp: Tlp): number {
  return TLP_LEVELS.indexOf(tlp);
}

export function tlpFromRank(rank: number): Tlp {
  const tlp = TLP_LEVELS[rank];
  if (tlp === undefined) throw new Error(`no TLP level has rank ${rank}`);
  return tlp;
}

export function stricterTlp(a: Tlp, b: Tlp): Tlp {
  return tlpRank(a) >= tlpRank(b) ? a : b;
}

/** AMBER, AMBER+STRICT and RED may only be shared with someone named; CLEAR and GREEN need nobody. */
export function tlpNeedsAudience(tlp: Tlp): boolean {
  return tlpRank(tlp) >= tlpRank('AMBER');
}
