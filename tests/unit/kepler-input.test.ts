// The input files of the kepler.gl peer benchmark (scripts/kepler/make-input.mjs): the GeoJSON of each site's
// first level with the default indicator's value of the default year joined on. The joined values must be the
// values our app shows on its first map, read here from the real bundled data through real DuckDB (the query the
// map uses), missing ones null (never 0); the colours our palette's; the probe points inside areas with a value.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { Engine } from '../../src/lib/db/engine';
import { levelValues } from '../../src/lib/db/queries';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { loadSiteData } from '../../src/lib/db/load';
import { ensureIndicatorsLoaded } from '../../src/lib/db/value-parts';
import { paletteColors } from '../../src/lib/map/palette';
import { keplerInput, KEPLER_DATASETS } from '../../scripts/kepler/make-input.mjs';
import { createNodeEngine, dataDir, readDataFile, readDataPart } from './helpers/node-engine';

let engine: Engine;

beforeAll(async () => {
  engine = await createNodeEngine();
  for (const id of Object.values(KEPLER_DATASETS)) {
    const site = findBundledSite(id);
    await loadSiteData(engine, site, readDataFile);
    await ensureIndicatorsLoaded(engine, site, [site.defaults.ind], readDataPart);
  }
}, 120_000);

describe.each(Object.entries(KEPLER_DATASETS))('kepler.gl input %s', (_name, siteId) => {
  const site = findBundledSite(siteId);
  const { ind, level, year } = site.defaults;
  const input = keplerInput(siteId);

  it('holds every area of the first level once, with the default indicator and year named', () => {
    const areas = csvParse(readFileSync(dataDir + site.areas, 'utf8')).filter((r) => r.level === level);
    const ids = input.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(areas.map((r) => r.id!).sort());
    expect(input.quartiersatlas).toMatchObject({ site: siteId, level, indicator: ind, year, areas: areas.length });
  });

  it("joins our first map's values: equal to DuckDB's for every area, missing as null", async () => {
    const ours = new Map((await levelValues(engine, site, findIndicator(site, ind), level, year)).map((r) => [r.id, r.value]));
    expect(ours.size).toBe(input.features.length);
    let missing = 0;
    for (const f of input.features) {
      const expected = ours.get(f.properties.id);
      expect(expected, f.properties.id).not.toBeUndefined();
      if (expected === null) {
        missing++;
        expect(f.properties.value, f.properties.id).toBeNull();
      } else expect(f.properties.value, f.properties.id).toBeCloseTo(expected!, 9);
    }
    expect(input.quartiersatlas.withValue).toBe(input.features.length - missing);
    // Some real values, and (Gemeinden) the suppressed ones stay null rather than 0.
    expect(input.features.filter((f) => f.properties.value !== null && f.properties.value > 0).length).toBeGreaterThan(input.features.length / 2);
    if (siteId === 'gemeinden') expect(missing).toBeGreaterThan(0);
  });

  it("colours with our palette's 5 classes for the indicator's direction", () => {
    expect(input.quartiersatlas.colours).toEqual(paletteColors(5, findIndicator(site, ind).direction));
  });

  it('gives probe points that are label points of areas with a value', () => {
    const withValue = new Set(input.features.filter((f) => f.properties.value !== null).map((f) => f.properties.id));
    const labels = new Map(
      csvParse(readFileSync(dataDir + site.areas, 'utf8'))
        .filter((r) => r.level === level && withValue.has(r.id!))
        .map((r) => [`${Number(r.lon)},${Number(r.lat)}`, r.id]),
    );
    const { probes } = input.quartiersatlas;
    expect(probes.length).toBe(Math.min(200, withValue.size));
    for (const [lon, lat] of probes) expect(labels.has(`${lon},${lat}`), `${lon},${lat}`).toBe(true);
  });
});
