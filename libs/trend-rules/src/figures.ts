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
   * How many distinct source organisations stand behind `hidden`, counted conservatively: only
   * organisations none of whose named AMBER objects in the region the viewer can read, less one for
   * every anonymous AMBER object the viewer can read there. Never more than the truth.
   */
  hiddenSources: number;
}

export const NO_FIGURES: RegionFigures = { readable: 0, hidden: 0, hiddenSources: 0 };

/** The unreadable part may be shown: nothing unreadable, or it comes from at least k organisations. */
export function hiddenPartSafe(region: RegionFigures, k: number): boolean {
  return region.hidden === 0 || region.hiddenSources >= k;
}

/** The region has unreadable objects and they come from at least k organisations. */
export function carriesSafeHiddenPart(region: RegionFigures, k: number): boolean {
  return region.hidden > 0 && region.hiddenSources >= k;
}
