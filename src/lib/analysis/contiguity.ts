import { coordEach } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Coordinates are compared on a 1e-7 degree grid (about 1 cm), so float noise from a different rounding does not split a shared vertex. */
const VERTEX_PRECISION = 1e7;

function vertexKey(coord: number[]): string {
  return `${Math.round(coord[0] * VERTEX_PRECISION)},${Math.round(coord[1] * VERTEX_PRECISION)}`;
}

/**
 * Queen contiguity: two areas are neighbours when their boundaries share at
 * least one vertex (a common edge or just a corner). Every vertex is hashed
 * (turf's coordEach, coordinates rounded to 1e-7°) to the areas that use it, so
 * the cost grows with the number of vertices, not with the square of the number
 * of areas.
 *
 * This relies on topologically clean boundaries, as in the prepared data: a
 * shared border is digitised with the same vertices on both sides. An area
 * whose vertex only lies on the middle of a neighbour's edge (a T-junction) or
 * that is separated by a gap (e.g. an island) gets no link to it.
 *
 * Features must carry a unique string properties.id. Returns, for each feature
 * in input order, the indices of its neighbours: sorted, without itself, and
 * symmetric (j in result[i] ⇔ i in result[j]).
 */
export function queenNeighbours(fc: FeatureCollection<Polygon | MultiPolygon, { id: string }>): number[][] {
  const seen = new Set<string>();
  fc.features.forEach((f, i) => {
    const id: unknown = f.properties?.id;
    if (typeof id !== 'string') throw new Error(`queenNeighbours: feature ${i} has no string properties.id`);
    if (seen.has(id)) throw new Error(`queenNeighbours: duplicate id '${id}'`);
    seen.add(id);
  });

  // vertex → features using it (each feature at most once; consecutive repeats come from the same feature)
  const byVertex = new Map<string, number[]>();
  coordEach(
    fc,
    (coord, _coordIndex, featureIndex) => {
      const key = vertexKey(coord);
      const list = byVertex.get(key);
      if (!list) byVertex.set(key, [featureIndex]);
      else if (!list.includes(featureIndex)) list.push(featureIndex);
    },
    true, // skip the closing coordinate of each ring
  );

  const sets = fc.features.map(() => new Set<number>());
  for (const list of byVertex.values()) {
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        sets[list[a]].add(list[b]);
        sets[list[b]].add(list[a]);
      }
    }
  }
  return sets.map((s) => [...s].sort((a, b) => a - b));
}

/** Indices of the areas without any neighbour (islands). */
export function islands(neighbours: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  neighbours.forEach((n, i) => {
    if (n.length === 0) out.push(i);
  });
  return out;
}
