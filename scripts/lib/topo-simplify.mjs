// Topology-preserving simplification for a set of polygons that share boundaries (e.g. the
// Gemeinden of one map): every boundary between two neighbours is simplified once and used by
// both, so simplification opens no gaps and creates no overlaps along shared borders.
//
// Method (as in TopoJSON): after rounding, a vertex where three or more boundary edges meet (or
// where a ring touches the outline / another ring) is a junction. Rings are cut at junctions into
// arcs; each arc is simplified with turf.simplify (Douglas–Peucker, junctions kept) in a canonical
// direction and cached, so an arc shared by two rings gets exactly the same points in both.
// Rings without a junction (islands, enclaves) are one closed arc with a canonical start point.
// Arcs whose simplification would collapse a ring (fewer than 3 corners) are kept unsimplified,
// again for every ring that uses them.
import * as turf from '@turf/turf';

const key = (p) => `${p[0]},${p[1]}`;

/** Rings of a Polygon/MultiPolygon as open rings (without the closing position). */
function openRings(geom) {
  const polys = geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates;
  return polys.map((poly) => poly.map((ring) => ring.slice(0, -1)));
}

/**
 * Simplify the geometries of `items` ([{ geometry }], coordinates already rounded so that shared
 * vertices are identical) with tolerance `tolerance` (degrees). Returns new geometries in the same
 * order (rings closed; orientation and degenerate rings are left to the caller's clean-up) and
 * stats { arcs, keptArcs, positionsBefore, positionsAfter }.
 */
export function simplifySharedBoundaries(items, tolerance) {
  const shapes = items.map((it) => openRings(it.geometry));

  // 1. Junctions: vertices with more than two distinct neighbours over all rings, or vertices
  //    that occur more than once in the same ring (pinches).
  const neighbours = new Map();
  let positionsBefore = 0;
  for (const polys of shapes) {
    for (const rings of polys) {
      for (const ring of rings) {
        const n = ring.length;
        positionsBefore += n + 1;
        const seen = new Set();
        for (let i = 0; i < n; i++) {
          const k = key(ring[i]);
          let set = neighbours.get(k);
          if (!set) neighbours.set(k, (set = new Set()));
          set.add(key(ring[(i + n - 1) % n]));
          set.add(key(ring[(i + 1) % n]));
          if (seen.has(k)) set.add('#pinch');
          seen.add(k);
        }
      }
    }
  }
  const isJunction = (p) => neighbours.get(key(p)).size > 2;

  // 2. Cut rings into arcs (lists of positions, both junction ends included).
  const ringArcs = (ring) => {
    const n = ring.length;
    const first = ring.findIndex(isJunction);
    if (first < 0) return [{ closed: true, points: ring }];
    const arcs = [];
    let current = [ring[first]];
    for (let s = 1; s <= n; s++) {
      const p = ring[(first + s) % n];
      current.push(p);
      if (isJunction(p)) {
        arcs.push({ closed: false, points: current });
        current = [p];
      }
    }
    return arcs;
  };

  // 3. Canonical form of an arc (direction / start point), so a shared arc gets one cache entry.
  const canonical = (arc) => {
    const pts = arc.points;
    if (arc.closed) {
      // Rotate to the smallest vertex; direction with the smaller second vertex.
      let m = 0;
      for (let i = 1; i < pts.length; i++) if (key(pts[i]) < key(pts[m])) m = i;
      const fwd = [...pts.slice(m), ...pts.slice(0, m)];
      const rev = [fwd[0], ...fwd.slice(1).reverse()];
      const useRev = fwd.length > 1 && key(rev[1]) < key(fwd[1]);
      return { pts: useRev ? rev : fwd, reversed: useRev };
    }
    const rev = [...pts].reverse();
    const a = pts.map(key).join(';');
    const b = rev.map(key).join(';');
    return a <= b ? { pts, reversed: false, id: a } : { pts: rev, reversed: true, id: b };
  };

  const cache = new Map(); // canonical id -> simplified canonical points
  const keep = new Set(); // canonical ids that must stay unsimplified
  const simplifyCanonical = (id, pts, closed) => {
    if (keep.has(id)) return pts;
    let out = cache.get(id);
    if (!out) {
      if (closed) {
        const line = [...pts, pts[0]];
        const s = turf.simplify(turf.lineString(line), { tolerance, highQuality: false, mutate: false });
        out = s.geometry.coordinates.slice(0, -1);
        if (out.length < 3) out = pts; // an island/enclave must stay a polygon
      } else if (pts.length <= 2) {
        out = pts;
      } else {
        out = turf.simplify(turf.lineString(pts), { tolerance, highQuality: false, mutate: false }).geometry.coordinates;
      }
      cache.set(id, out);
    }
    return out;
  };

  const assemble = (ring) => {
    const arcs = ringArcs(ring);
    const used = [];
    const out = [];
    for (const arc of arcs) {
      const c = canonical(arc);
      const id = arc.closed ? `loop:${c.pts.map(key).join(';')}` : c.id;
      used.push(id);
      let s = simplifyCanonical(id, c.pts, arc.closed);
      if (arc.closed) {
        // Back to the ring's own direction (the start point does not matter for a closed ring).
        if (c.reversed) s = [s[0], ...s.slice(1).reverse()];
        out.push(...s);
      } else {
        if (c.reversed) s = [...s].reverse();
        out.push(...(out.length ? s.slice(1) : s));
      }
    }
    if (!arcs[0].closed) out.pop(); // last arc ends at the first junction
    const distinct = new Set(out.map(key)).size;
    return { ring: out, used, degenerate: distinct < 3 };
  };

  // 4. Assemble; arcs of rings that would degenerate are kept unsimplified, then assemble again.
  let result;
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    result = shapes.map((polys) =>
      polys.map((rings) =>
        rings.map((ring) => {
          const r = assemble(ring);
          if (r.degenerate) {
            for (const id of r.used) {
              if (!keep.has(id)) {
                keep.add(id);
                changed = true;
              }
            }
          }
          return r.ring;
        }),
      ),
    );
    if (!changed) break;
  }

  let positionsAfter = 0;
  const geometries = result.map((polys) => {
    const closed = polys.map((rings) =>
      rings.map((ring) => {
        positionsAfter += ring.length + 1;
        return [...ring, [ring[0][0], ring[0][1]]];
      }),
    );
    return closed.length === 1 ? { type: 'Polygon', coordinates: closed[0] } : { type: 'MultiPolygon', coordinates: closed };
  });
  return { geometries, stats: { arcs: cache.size, keptArcs: keep.size, positionsBefore, positionsAfter } };
}
