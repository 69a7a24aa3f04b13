// Closing a polygon drawn vertex by vertex: enough distinct vertices, no crossing edges, a
// counter-clockwise closed ring; a stored polygon's vertices back for editing.
import { describe, expect, it } from 'vitest';
import { area, booleanClockwise, kinks, polygon as turfPolygon } from '@turf/turf';
import { closeDraft, distinctVertices, editableVertices, selfIntersects } from '../../src/lib/analysis/polygon-draft';

describe('a drawn polygon', () => {
  const square = [[12.3, 51.3], [12.4, 51.3], [12.4, 51.4], [12.3, 51.4]];

  it('closes into a counter-clockwise ring with the first vertex repeated', () => {
    const r = closeDraft([...square].reverse()); // drawn clockwise
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ring = r.polygon.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    expect(booleanClockwise(ring)).toBe(false);
    expect(area(r.polygon)).toBeGreaterThan(7e7); // about 7 km × 11 km
  });

  it('needs three distinct vertices: a double click’s repeated vertex counts once', () => {
    expect(closeDraft([[1, 1], [2, 2]])).toEqual({ ok: false, reason: 'too-few' });
    expect(closeDraft([[1, 1], [2, 2], [2, 2]])).toEqual({ ok: false, reason: 'too-few' });
    expect(distinctVertices([[1, 1], [2, 1], [2, 1], [2, 2], [1, 1]])).toEqual([[1, 1], [2, 1], [2, 2]]);
    expect(closeDraft([[1, 1], [2, 1], [2, 2], [2, 2]]).ok).toBe(true);
  });

  it('refuses crossing edges (a bow tie), three points on a line; agrees with turf’s kinks', () => {
    const bowTie = [[0, 0], [1, 1], [1, 0], [0, 1]];
    expect(selfIntersects(bowTie)).toBe(true);
    expect(closeDraft(bowTie)).toEqual({ ok: false, reason: 'self-intersecting' });
    expect(selfIntersects([[0, 0], [1, 0], [2, 0]])).toBe(true);
    expect(selfIntersects(square)).toBe(false);
    // a star-shaped but simple outline, and one whose last edge crosses the first
    const star = Array.from({ length: 10 }, (_, i) => {
      const r = i % 2 ? 0.4 : 1;
      const t = (Math.PI * 2 * i) / 10;
      return [r * Math.cos(t), r * Math.sin(t)];
    });
    expect(selfIntersects(star)).toBe(false);
    const crossing = [[0, 0], [4, 0], [4, 4], [2, -1]];
    expect(selfIntersects(crossing)).toBe(true);
    for (const v of [star, crossing, bowTie, square]) {
      const turfSays = kinks(turfPolygon([[...v, v[0]!]])).features.length > 0;
      expect(selfIntersects(v)).toBe(turfSays);
    }
  });

  it('a stored single-ring polygon gives its vertices back; holes or several parts are redrawn', () => {
    const r = closeDraft(square);
    if (!r.ok) throw new Error('square');
    expect(editableVertices(r.polygon)).toEqual(r.polygon.coordinates[0]!.slice(0, 4));
    expect(editableVertices({ type: 'Polygon', coordinates: [r.polygon.coordinates[0], r.polygon.coordinates[0]] })).toBeNull();
    expect(editableVertices({ type: 'MultiPolygon', coordinates: [r.polygon.coordinates] })).toBeNull();
  });
});
