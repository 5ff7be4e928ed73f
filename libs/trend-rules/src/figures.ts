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

/** The unreadable part may be shown: nothing unreadable, or it comes from at least k organisations. */
export function hiddenPartSafe(region: RegionFigures, k: number): boolean {
  return region.hidden === 0 || region.hiddenSources >= k;
}
