/**
 * What the database says about one region of a trend (a cell, a bucket's total, or a region that a
 * filter leaves out), for one viewer.
 */
export interface RegionFigures {
  /** Objects in the region the viewer may read: exact. */
  readable: number;
  /** AMBER and AMBER+STRICT objects in the region the viewer may not read (never RED). */
  hidden: number;
  /**
   * How many distinct source organisations have at least one of the `hidden` objects (an anonymous
   * submission counts under its true source, which is never shown).
   */
  hiddenSources: number;
}

export const NO_FIGURES: RegionFigures = { readable: 0, hidden: 0, hiddenSources: 0 };

/**
 * The unreadable part of the region comes from at least k organisations. An empty unreadable part
 * does not: "nothing" and "something from fewer than k" must look the same in every answer.
 */
export function standsOnK(region: RegionFigures, k: number): boolean {
  return region.hiddenSources >= k;
}
