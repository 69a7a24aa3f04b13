import { describe, expect, it } from 'vitest';
import { crsByCode } from '../../src/lib/io/import/crs/definitions';
import { readFileSync } from 'node:fs';
import { readBoundaries, suggestAttributes, toLonLat } from '../../src/lib/io/import/boundaries';
import { ImportError, type InputFile } from '../../src/lib/io/import/common';
import { buildUserSite, slug } from '../../src/lib/io/import/build-site';
import { createNodeEngine } from './helpers/node-engine';
import { loadSite } from '../../src/lib/db/schema';
import { queryRows } from '../../src/lib/db/engine';

const fixture = (name: string): InputFile => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`../fixtures/import/${name}`, import.meta.url))),
});
const PARTS = ['shp', 'shx', 'dbf', 'prj'].map((e) => fixture(`ortsteile_25833.${e}`));

describe('readBoundaries: shapefile', () => {
  it.each([
    ['the .zip', [fixture('ortsteile_25833.zip')]],
    ['the separate files', PARTS],
  ])('reads %s: 4 polygons, ETRS89 / UTM 33N from the ESRI .prj, umlauts from a .dbf without .cpg', async (_, files) => {
    const raw = await readBoundaries(files);
    expect(raw.name).toBe('ortsteile_25833');
    expect(raw.fc.features).toHaveLength(4);
    expect(raw.crs.crs?.code).toBe(25833);
    expect(raw.crs.source).toBe('prj');
    expect(raw.notes).toContain('dbf-without-cpg');
    expect(raw.fc.features.map((f) => f.properties.OT_NAME)).toEqual(['Lößnig', 'Großzschocher', 'Südvorstadt', 'Mölkau']);
    expect(raw.fc.features[0]!.properties.EINW).toBe(12345);
  });

  it('without the .prj the coordinates still give UTM (a guess the user confirms)', async () => {
    const raw = await readBoundaries(PARTS.filter((f) => !f.name.endsWith('.prj')));
    expect(raw.notes).toContain('no-prj');
    expect(raw.crs.source).toBe('guess');
    expect(raw.crs.candidates.map((c) => c.code)).toContain(25833);
  });

  it('names the file when the input is not usable', async () => {
    await expect(readBoundaries([{ name: 'kaputt.geojson', bytes: new TextEncoder().encode('{"type": "Feat') }])).rejects.toThrow(
      /kaputt\.geojson: not valid JSON/,
    );
    await expect(readBoundaries([{ name: 'punkte.geojson', bytes: new TextEncoder().encode('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[12,51]}}]}') }])).rejects.toBeInstanceOf(ImportError);
    await expect(readBoundaries([{ name: 'tabelle.csv', bytes: new Uint8Array(3) }])).rejects.toThrow(/no boundaries found/);
  });
});

describe('suggestAttributes and buildUserSite', () => {
  it('suggests key, name and numeric attributes', async () => {
    const raw = await readBoundaries(PARTS);
    const s = suggestAttributes(raw.fc);
    expect(s.id).toBe('OT_NR');
    expect(s.name).toBe('OT_NAME');
    expect(s.numeric).toEqual(['EINW', 'ALQ_ANT']);
  });

  it('builds a site that loads into DuckDB with the values of the file and the computed area', async () => {
    const raw = await readBoundaries(PARTS);
    const fc = toLonLat(raw, crsByCode(25833)!, false);
    // Leipzig's south: about 12.4°E, 51.3°N.
    const [lon, lat] = (fc.features[0]!.geometry as GeoJSON.Polygon).coordinates[0]![0]!;
    expect(lon).toBeGreaterThan(12.3);
    expect(lon).toBeLessThan(12.5);
    expect(lat).toBeGreaterThan(51.2);
    expect(lat).toBeLessThan(51.4);
    const user = buildUserSite(
      fc,
      {
        label: 'Meine Ortsteile',
        fileName: 'ortsteile_25833.zip',
        idKey: 'OT_NR',
        nameKey: 'OT_NAME',
        indicators: [
          { key: 'EINW', unit: 'count' },
          { key: 'ALQ_ANT', unit: 'percent' },
        ],
        year: 2023,
        crsLabel: 'EPSG:25833',
      },
      'user-test',
    );
    expect(user.site.indicators.map((i) => i.id)).toEqual(['einw', 'alq_ant', 'flaeche_km2']);
    const engine = await createNodeEngine();
    await loadSite(engine, user.site, async (path) => user.files[path]!);
    const rows = await queryRows<{ area_id: string; ind: string; value: number }>(
      engine,
      "SELECT area_id, ind, value FROM observations WHERE site = 'user-test' ORDER BY ind, area_id",
    );
    const get = (ind: string, id: string) => rows.find((r) => r.ind === ind && r.area_id === id)?.value;
    expect(get('einw', '1')).toBe(12345);
    expect(get('alq_ant', '2')).toBe(7.25);
    // 1 km × 1 km in UTM is about 1 km² (UTM scale distortion here is < 0.1 %).
    expect(get('flaeche_km2', '3')).toBeCloseTo(1, 2);
    const names = await queryRows<{ name: string }>(engine, "SELECT name FROM areas WHERE site = 'user-test' ORDER BY id");
    expect(names.map((n) => n.name)).toEqual(['Lößnig', 'Großzschocher', 'Südvorstadt', 'Mölkau']);
  });

  it('refuses duplicate or empty keys, naming file and feature', async () => {
    const raw = await readBoundaries(PARTS);
    const fc = toLonLat(raw, crsByCode(25833)!, false);
    fc.features[2]!.properties.OT_NR = '1';
    expect(() =>
      buildUserSite(fc, { label: 'x', fileName: 'a.zip', idKey: 'OT_NR', nameKey: null, indicators: [], year: 2023, crsLabel: '' }, 'user-x'),
    ).toThrow(/a\.zip: the key "1" .* occurs twice \(feature 3\)/);
  });

  it('makes ASCII ids from German labels', () => {
    expect(slug('Einwohner über 65 (Anteil %)')).toBe('einwohner_ueber_65_anteil');
    expect(slug('Straße')).toBe('strasse');
  });
});
