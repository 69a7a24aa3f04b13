// Indicators derived from a point layer for the base level of its site: the
// number of points per area, points per 1,000 residents, and the share of the
// area within 500 m and within 1 km of a point. Computed in the browser (turf) when the layer is
// first shown, and added to the site like an imported table (not stored).
import type { FeatureCollection, Point } from 'geojson';
import type { Indicator, Site } from '../data/catalog-types';
import { baseLevel } from '../data/catalog';
import type { PointLayerInfo } from '../data/points';
import type { TableExtension } from '../data/user-data';
import { fetchJsonOnce } from '../data/urls';
import { sitePaths, valuesCsv, type ValueRow } from '../data/site-package.js';
import { USER_PREFIX } from '../data/user-files';
import { levelGeometry } from '../data/geometry';
import { catchmentPerArea, countPointsPerArea } from '../analysis/points-per-area';
import type { ValueCache } from './value-cache';
import { nearestYear } from './view-normalize';

/** Catchment radii (straight line), in metres. */
export const CATCHMENTS_M = [500, 1000] as const;

export async function pointIndicators(cache: ValueCache, site: Site, layer: PointLayerInfo): Promise<TableExtension> {
  const base = baseLevel(site);
  const [points, areas] = await Promise.all([
    fetchJsonOnce<FeatureCollection<Point>>(layer.file),
    levelGeometry(base.geometry),
  ]);
  const counts = countPointsPerArea(points.features, areas);
  const catchments = CATCHMENTS_M.map((m) => catchmentPerArea(points.features, areas, m));
  // Residents of the nearest year the site has (Leipzig's figures end before the OSM date).
  const residents = site.indicators.find((i) => i.id === 'einwohner');
  const residentsYear = residents ? nearestYear(residents.years, layer.year) : null;
  const residentsData = residents ? await cache.get(site, base.id, residents) : null;
  const residentsOf = new Map((residentsData?.byYear.get(residentsYear ?? 0) ?? []).map((r) => [r.id, r.value]));

  const p = layer.id;
  const cols = { n: `${p}_anzahl`, per: `${p}_je_1000`, ew: `${p}_einwohner_bezug`, km2: `${p}_flaeche_km2` };
  const share = (m: number) => `${p}_${m}m_anteil`;
  const cov = (m: number) => `${p}_${m}m_km2`;
  const columns = [cols.n, cols.per, cols.ew, cols.km2, ...CATCHMENTS_M.flatMap((m) => [share(m), cov(m)])];
  const rows: ValueRow[] = [];
  const fmt = (v: number | null, d: number) => (v === null ? null : v.toFixed(d));
  for (const [id, n] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    const ew = residentsOf.get(id) ?? null;
    const per = ew !== null && ew > 0 ? (n / ew) * 1000 : null;
    const areaKm2 = catchments[0]!.get(id)!.areaKm2;
    const values: Record<string, string | number | null> = { [cols.n]: n, [cols.per]: fmt(per, 3), [cols.ew]: fmt(ew, 0), [cols.km2]: areaKm2.toFixed(4) };
    for (const [i, m] of CATCHMENTS_M.entries()) {
      const { coveredKm2 } = catchments[i]!.get(id)!;
      values[share(m)] = fmt(areaKm2 > 0 ? (coveredKm2 / areaKm2) * 100 : null, 2);
      values[cov(m)] = coveredKm2.toFixed(4);
    }
    rows.push({ areaId: id, year: layer.year, values });
  }
  const label = layer.label;
  const sourceKey = `${layer.id}-source`;
  const common = { source: sourceKey, direction: 'higher-better' as const, years: [layer.year] };
  const indicators: Indicator[] = [
    {
      ...common,
      id: cols.n,
      column: cols.n,
      label: { de: `${label.de}: Anzahl`, en: `${label.en}: number` },
      unit: 'count',
      decimals: 0,
      definition: { de: `Anzahl der Punkte von „${label.de}“ im Gebiet.`, en: `Number of points of “${label.en}” in the area.` },
      agg: { type: 'sum' },
    },
    {
      ...common,
      id: cols.per,
      column: cols.per,
      label: { de: `${label.de} je 1.000 Einwohner`, en: `${label.en} per 1,000 residents` },
      unit: 'per1000',
      decimals: 2,
      definition: {
        de: `Anzahl je 1.000 Einwohner (Einwohner ${residentsYear ?? '–'}, Punkte ${layer.year}).`,
        en: `Number per 1,000 residents (residents ${residentsYear ?? '–'}, points ${layer.year}).`,
      },
      agg: { type: 'ratio', num: cols.n, den: cols.ew, scale: 1000 },
    },
    ...CATCHMENTS_M.map(
      (m): Indicator => {
        const dist = { de: m >= 1000 ? `${m / 1000} km` : `${m} m`, en: m >= 1000 ? `${m / 1000} km` : `${m} m` };
        return {
          ...common,
          id: share(m),
          column: share(m),
          label: { de: `Fläche im ${dist.de}-Umkreis: ${label.de}`, en: `Area within ${dist.en}: ${label.en}` },
          unit: 'percent',
          decimals: 1,
          definition: {
            de: `Anteil der Gebietsfläche, der höchstens ${dist.de} Luftlinie von einem Punkt entfernt ist (überlappende Kreise einmal gezählt).`,
            en: `Share of the area within ${dist.en} (straight line) of a point (overlapping circles counted once).`,
          },
          agg: { type: 'ratio', num: cov(m), den: cols.km2, scale: 100 },
        };
      },
    ),
  ];
  return {
    id: `pts-${layer.id}`,
    siteId: site.id,
    fileName: layer.file,
    indicators,
    file: sitePaths(`${USER_PREFIX}pts-${layer.id}`).values,
    bytes: new TextEncoder().encode(valuesCsv(columns, rows)),
    sourceKey,
    source: layer.source,
    created: '',
  };
}
