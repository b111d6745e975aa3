/** The 邻里之家 overlay's part of the overlay state: the walking distance of its circles. */

/** Walking distances of the 邻里之家 coverage circles (5, 10, 15 minutes); 0: none drawn. */
export const WALK_DISTANCES = [0, 300, 500, 1000] as const;
/** A walking distance in metres, or 0 for no coverage circles. */
export type WalkDistance = (typeof WALK_DISTANCES)[number];

/** The 邻里之家 overlay's fields of the overlay state. */
export interface SitesSlice {
  /** Radius of the coverage circles around 邻里之家 (default 500 m). */
  walk: WalkDistance;
}

export const INITIAL_SITES: SitesSlice = { walk: 500 };
