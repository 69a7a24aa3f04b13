// The small overview map of the location check: Germany's Länder and the import's outline (or its
// points) projected with d3-geo's Mercator, fitted to Germany and the data together, so that data
// placed far away is still visible with Germany small. SVG path data only; the component draws it.
import { geoMercator } from 'd3-geo';
import type { Position } from 'geojson';
import type { GermanyOutline, LocationCheck } from '../../lib/io/import/location-check';

export interface OverviewDrawing {
  width: number;
  height: number;
  /** path data per Land */
  laender: string[];
  /** the data's outer rings as one path ('' for points) */
  data: string;
  /** the data's points (up to 500) */
  dots: [number, number][];
  /** where the data lies (a ring drawn around it: a city is a few pixels at this scale) */
  center: [number, number] | null;
}

const MAX_LAT = 80; // Mercator grows without bound towards the poles

function outlineBox(outline: GermanyOutline): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const l of outline.laender) {
    const polys = l.geometry.type === 'Polygon' ? [l.geometry.coordinates] : l.geometry.coordinates;
    for (const [x, y] of polys.flat(2)) {
      b[0] = Math.min(b[0], x!);
      b[1] = Math.min(b[1], y!);
      b[2] = Math.max(b[2], x!);
      b[3] = Math.max(b[3], y!);
    }
  }
  return b;
}

export function overviewDrawing(check: LocationCheck | null, outline: GermanyOutline, width: number, height: number): OverviewDrawing {
  const clamp = (p: Position): [number, number] => [p[0]!, Math.max(-MAX_LAT, Math.min(MAX_LAT, p[1]!))];
  const boxes = [outlineBox(outline), ...(check?.bbox ? [check.bbox] : [])];
  const corners = boxes.flatMap(([w, s, e, n]) => [clamp([w, s]), clamp([e, n])]);
  // Room for the marker ring (r = 8) around data at the edge.
  const pad = 10;
  const projection = geoMercator().fitExtent(
    [
      [pad, pad],
      [width - pad, height - pad],
    ],
    { type: 'MultiPoint', coordinates: corners },
  );
  const xy = (p: Position): [number, number] => {
    const out = projection(clamp(p)) ?? [NaN, NaN];
    return [Math.round(out[0] * 10) / 10, Math.round(out[1] * 10) / 10];
  };
  // Planar paths vertex by vertex: no spherical reading of the rings, so their winding does not matter.
  const ringPath = (ring: Position[]) => `M${ring.map((p) => xy(p).join(' ')).join('L')}Z`;
  const laender = outline.laender.map((l) => {
    const polys = l.geometry.type === 'Polygon' ? [l.geometry.coordinates] : l.geometry.coordinates;
    return polys.flat().map(ringPath).join('');
  });
  const shape = check?.outlineForOverview;
  return {
    width,
    height,
    laender,
    data: shape?.type === 'MultiLineString' ? shape.coordinates.map(ringPath).join('') : '',
    dots: shape?.type === 'MultiPoint' ? shape.coordinates.slice(0, 500).map(xy) : [],
    center: check?.center ? xy(check.center) : null,
  };
}
