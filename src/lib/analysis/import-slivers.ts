// Imported boundaries of whole base areas rarely match the site's own boundaries to the
// millimetre: a GIS export rounded to centimetres, or another generalisation, leaves slivers
// along every border (a few m² of each neighbour inside, a few m² of the area itself outside).
// Areal weighting (areal-weights.ts) keeps anything above 1e-6 of a base, so each imported
// Fördergebiet would carry its neighbours with tiny weights and be marked estimated. For imported
// polygons, cuts below `tolerance` of a base's area are slivers: such a neighbour is left out and
// such a member counts whole. Pure.

/** What areal weighting gives a polygon: members, weights (< 1 only) and area shares of cut bases. */
export interface PolygonMembers {
  members: string[];
  weights: Record<string, number>;
  areaShares: Record<string, number>;
}

/** The share of a base's area below which an imported polygon's cut is a sliver (0.1 %). */
export const IMPORT_SLIVER = 1e-3;

/**
 * `found` with the slivers of imported boundaries removed: a base whose area lies inside by less than
 * `tolerance` is no member; one inside by more than 1 − `tolerance` is a whole member (weight 1, no
 * area share). Members without an area share (wholly inside) stay as they are.
 */
export function dropSlivers<T extends PolygonMembers>(found: T, tolerance = IMPORT_SLIVER): T {
  const members: string[] = [];
  const weights: Record<string, number> = {};
  const areaShares: Record<string, number> = {};
  for (const id of found.members) {
    const share = found.areaShares[id];
    if (share !== undefined && share < tolerance) continue;
    members.push(id);
    if (share !== undefined && share > 1 - tolerance) continue;
    if (found.weights[id] !== undefined) weights[id] = found.weights[id]!;
    if (share !== undefined) areaShares[id] = share;
  }
  return { ...found, members, weights, areaShares };
}
