// The catalog (data/catalog.json) is the contract between the data preparation
// and the app: check it against the bundled files it describes.
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { FeatureCollection } from 'geojson';
import { bundledCatalog } from '../../src/lib/data/catalog';
import { dataDir } from './helpers/node-engine';

const read = (path: string) => readFileSync(dataDir + path, 'utf8');

const areaSites = bundledCatalog.sites.filter((s) => s.kind !== 'grid');

describe('grid sites', () => {
  it('name existing cell columns and files', async () => {
    const { GRID_COLUMNS } = await import('../../src/lib/db/grid');
    const grids = bundledCatalog.sites.filter((s) => s.kind === 'grid');
    expect(grids.map((s) => s.id)).toEqual(['zensus-grid']);
    for (const site of grids) {
      expect(existsSync(dataDir + site.values)).toBe(true);
      for (const ind of site.indicators) {
        expect(GRID_COLUMNS as readonly string[]).toContain(ind.column);
        expect(bundledCatalog.sources[ind.source]).toBeDefined();
      }
    }
  });
});

describe.each(areaSites.map((s) => [s.id, s] as const))('site %s', (_id, site) => {
  const values = csvParse(read(site.values));
  const areas = csvParse(read(site.areas));

  it('has geometry for every level whose ids are the areas of that level', () => {
    for (const level of site.levels) {
      expect(existsSync(dataDir + level.geometry)).toBe(true);
      const geo = JSON.parse(read(level.geometry)) as FeatureCollection;
      const ids = geo.features.map((f) => String(f.properties?.id)).sort();
      const expected = areas.filter((a) => a.level === level.id).map((a) => a.id!).sort();
      expect(ids).toEqual(expected);
      expect(ids.length).toBe(level.count);
    }
  });

  it('every parent exists one level up', () => {
    const byId = new Map(areas.map((a) => [a.id!, a]));
    site.levels.forEach((level, i) => {
      const up = site.levels[i + 1];
      for (const a of areas.filter((x) => x.level === level.id)) {
        if (up) expect(byId.get(a.parent!)?.level, `${a.id} → ${a.parent}`).toBe(up.id);
        else expect(a.parent).toBe('');
      }
    });
  });

  it('each indicator names existing columns, a known source and the years that have data', () => {
    const columns = values.columns;
    for (const ind of site.indicators) {
      expect(columns).toContain(ind.column);
      if (ind.agg.type === 'ratio') {
        expect(columns).toContain(ind.agg.num);
        expect(columns).toContain(ind.agg.den);
      }
      expect(bundledCatalog.sources[ind.source], ind.source).toBeDefined();
      expect(ind.label.de && ind.label.en && ind.definition.de && ind.definition.en).toBeTruthy();
      const years = [...new Set(values.filter((r) => r[ind.column] !== '').map((r) => Number(r.year)))].sort((a, b) => a - b);
      expect(ind.years).toEqual(years);
    }
  });

  it('defaults point at a real view, and the first view equals the values file', () => {
    const { level, ind, year } = site.defaults;
    expect(site.levels[0]?.id).toBe(level);
    const indicator = site.indicators.find((i) => i.id === ind)!;
    expect(indicator.years).toContain(year);
    const first = JSON.parse(read(site.firstView)) as { values: Record<string, number | null> };
    const expected = Object.fromEntries(
      values.filter((r) => Number(r.year) === year).map((r) => [r.area_id!, r[indicator.column] === '' ? null : Number(r[indicator.column])]),
    );
    expect(first.values).toEqual(expected);
  });

  it('has publisher, licence and attribution for its sources', () => {
    for (const key of new Set([site.geometrySource, ...site.indicators.map((i) => i.source)])) {
      const src = bundledCatalog.sources[key]!;
      expect(src.licence).toMatch(/dl-de|CC|ODbL/);
      expect(src.licenceUrl).toMatch(/^https:\/\//);
      expect(src.attribution.length).toBeGreaterThan(20);
      expect(src.publisher.de.length).toBeGreaterThan(3);
    }
  });
});
