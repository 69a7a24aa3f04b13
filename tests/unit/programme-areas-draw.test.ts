// Drawn programme areas through the owner's polygon pipeline (addPolygon,
// updatePolygon) on the real bundled boundaries (Leipzig Ortsteile, the
// 10,786 Gemeinden) and, for the figures, in real DuckDB-WASM: members and
// weights come from areal weighting, cut bases carry their area share, whole
// bases are exact, a polygon off the site adds nothing; on bundled sites the
// Zensus grid's residents refine the weights of cut bases.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { area as turfArea, feature, featureCollection, intersect } from '@turf/turf';
import { bundledCatalog, findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import type { AreaCollection } from '../../src/lib/data/geometry';
import { isEstimated, isUnion, PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import { checkProgrammeArea } from '../../src/lib/data/programme-areas-check';
import { dissolveMembers, featuresById } from '../../src/lib/data/programme-areas-geometry';
import { SiteRegistry } from '../../src/lib/data/site-registry.svelte';
import type { Engine } from '../../src/lib/db/engine';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { levelValues } from '../../src/lib/db/queries';
import { loadSite } from '../../src/lib/db/schema';
import { PolygonOutsideError, polygonMembers } from '../../src/lib/data/programme-weights';
import { cellAround } from '../../src/lib/data/programme-weights-core';
import { arealWeights, prepareBases, prepareSurface } from '../../src/lib/analysis/areal-weights';
import { loadSiteData } from '../../src/lib/db/load';
import { zensusSurface } from '../../src/lib/state/programme-surface';
import { ValueCache } from '../../src/lib/state/value-cache';
import { ProgrammeAreas, type ProgrammeStorage } from '../../src/lib/state/programme-areas.svelte';
import { createNodeEngine, dataDir, readDataFile } from './helpers/node-engine';

const readGeometry = async (path: string) => JSON.parse(await readFile(dataDir + path, 'utf8')) as AreaCollection;

function owner(): { owner: ProgrammeAreas; kept: Map<string, ProgrammeArea>; registry: SiteRegistry } {
  const registry = new SiteRegistry();
  registry.loadBaseGeometry = readGeometry;
  const kept = new Map<string, ProgrammeArea>();
  const storage: ProgrammeStorage = { save: async (areas) => void areas.forEach((a) => kept.set(a.id, structuredClone(a))), remove: async (id) => void kept.delete(id) };
  return { owner: new ProgrammeAreas(registry, null, null, storage), kept, registry };
}

const box = (w: number, s: number, e: number, n: number): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const drawn = (geometry: Polygon | MultiPolygon, name = 'Gezeichnet') => ({ site: 'leipzig', name, programme: 'thinka' as const, startYear: 2024, geometry });

describe('a drawn polygon on Leipzig’s Ortsteile', () => {
  let ortsteile: Map<string, Feature<Polygon | MultiPolygon>>;
  beforeAll(async () => {
    ortsteile = featuresById(await readGeometry('leipzig/ortsteil.geojson'));
  });

  it('the outline of Ortsteile 00, 01, 02 drawn: those three whole, nothing estimated, kept', async () => {
    const { owner: o, kept } = owner();
    const outline = dissolveMembers(ortsteile, ['00', '01', '02'])!;
    const a = await o.addPolygon(drawn(outline));
    expect([...a.members].sort()).toEqual(['00', '01', '02']);
    expect(a.weights).toEqual({});
    expect(a.areaShares).toEqual({});
    expect(isEstimated(a)).toBe(false);
    // drawn, so no union (it travels in the project file, not in the URL)
    expect(isUnion(a)).toBe(false);
    expect(a.geometry).toEqual(outline);
    expect(kept.get(a.id)).toEqual(a);
    expect(o.of('leipzig')).toEqual([a]);
    await o.settled();
  });

  it('a box across Ortsteil borders: cut bases carry weight = area share = area(box ∩ base) / area(base), measured independently', async () => {
    const { owner: o } = owner();
    // Around Leipzig's centre, cutting several Ortsteile.
    const target = box(12.36, 51.325, 12.39, 51.345);
    const a = await o.addPolygon(drawn(target));
    expect(a.members.length).toBeGreaterThan(3);
    const cut = Object.keys(a.areaShares ?? {});
    expect(cut.length).toBeGreaterThan(0);
    expect(isEstimated(a)).toBe(true);
    for (const id of a.members) {
      const base = ortsteile.get(id)!;
      const inside = intersect(featureCollection([feature(target), base]));
      const share = inside ? turfArea(inside) / turfArea(base) : 0;
      if (a.areaShares?.[id] === undefined) {
        // whole inside the box
        expect(share).toBeGreaterThan(1 - 1e-4);
        expect(a.weights?.[id]).toBeUndefined();
      } else {
        expect(a.areaShares[id]).toBeCloseTo(share, 4);
        // plain area weights: the share of the counts is the share of the area
        expect(a.weights![id]).toBeCloseTo(a.areaShares[id]!, 12);
      }
    }
    // every Ortsteil the box really overlaps is a member
    for (const [id, base] of ortsteile) {
      const inside = intersect(featureCollection([feature(target), base]));
      if (inside && turfArea(inside) / turfArea(base) > 1e-4) expect(a.members).toContain(id);
    }
    // the area passes the whole check as stored (project file, IndexedDB)
    expect(checkProgrammeArea(JSON.parse(JSON.stringify(a)))).toEqual({ ok: true, value: a });
  });

  it('a polygon outside the site adds nothing and says so', async () => {
    const { owner: o, kept } = owner();
    await expect(o.addPolygon(drawn(box(11.5, 48.1, 11.6, 48.2)))).rejects.toBeInstanceOf(PolygonOutsideError);
    expect(o.all).toEqual([]);
    expect(kept.size).toBe(0);
  });

  it('updatePolygon finds members again; members alone make it a union without weights or shares', async () => {
    const { owner: o, kept } = owner();
    const a = await o.addPolygon(drawn(box(12.36, 51.325, 12.39, 51.345)));
    const outline = dissolveMembers(ortsteile, ['10', '11'])!;
    const b = await o.updatePolygon(a.id, outline);
    expect(b.id).toBe(a.id);
    expect([...b.members].sort()).toEqual(['10', '11']);
    expect(b.areaShares).toEqual({});
    expect(b.name).toBe('Gezeichnet');
    expect(kept.get(a.id)!.members.sort()).toEqual(['10', '11']);
    const c = await o.addPolygon(drawn(box(12.36, 51.325, 12.39, 51.345), 'Zweites'));
    const u = await o.update(c.id, { members: ['00', '01'], geometry: undefined });
    expect(u.weights).toBeUndefined();
    expect(u.areaShares).toBeUndefined();
    expect(u.geometry).toBeUndefined();
    expect(isUnion(u)).toBe(true);
    await expect(o.updatePolygon(c.id, box(11.5, 48.1, 11.6, 48.2))).rejects.toBeInstanceOf(PolygonOutsideError);
    expect(o.find(c.id)!.members).toEqual(['00', '01']);
    await o.settled();
  });

  it('damaged area shares are refused by the check', () => {
    const base = { id: 'pa-x', site: 'leipzig', name: 'X', programme: 'thinka', startYear: null, color: '#000000', members: ['00', '01'] };
    expect(checkProgrammeArea({ ...base, areaShares: { '00': 0.4 } }).ok).toBe(true);
    expect(checkProgrammeArea({ ...base, areaShares: { '02': 0.4 } }).ok).toBe(false);
    expect(checkProgrammeArea({ ...base, areaShares: { '00': 1.5 } }).ok).toBe(false);
    expect(checkProgrammeArea({ ...base, areaShares: { '00': 0 } }).ok).toBe(false);
    expect(checkProgrammeArea({ ...base, areaShares: [0.4] }).ok).toBe(false);
  });
});

describe('a drawn area’s figures in DuckDB (real Leipzig data)', () => {
  let engine: Engine;
  const leipzig = findBundledSite('leipzig');
  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadSite(engine, leipzig, readDataFile);
  });

  it('drawn along Ortsteile 00, 01, 02: exactly 23,784 residents in 2023, not estimated', async () => {
    const { owner: o } = owner();
    const a = await o.addPolygon(drawn(dissolveMembers(featuresById(await readGeometry('leipzig/ortsteil.geojson')), ['00', '01', '02'])!));
    await setProgrammeAreas(engine, leipzig, [a]);
    const [pop] = await levelValues(engine, leipzig, findIndicator(leipzig, 'einwohner'), PROGRAMME_LEVEL, 2023);
    expect(pop).toMatchObject({ id: a.id, value: 23784, estimated: false });
  });

  it('a box: Σ weight × residents of the Ortsteile, estimated; the share is Σ weight × num / Σ weight × den', async () => {
    const { owner: o } = owner();
    const a = await o.addPolygon(drawn(box(12.36, 51.325, 12.39, 51.345)));
    await setProgrammeAreas(engine, leipzig, [a]);
    const ew = (await levelValues(engine, leipzig, findIndicator(leipzig, 'einwohner'), 'ortsteil', 2023));
    const au = (await levelValues(engine, leipzig, findIndicator(leipzig, 'auslaender'), 'ortsteil', 2023));
    const w = (id: string) => a.weights?.[id] ?? 1;
    const v = (rows: typeof ew, id: string) => rows.find((r) => r.id === id)!.value!;
    const residents = a.members.reduce((s, id) => s + w(id) * v(ew, id), 0);
    const foreigners = a.members.reduce((s, id) => s + w(id) * v(au, id), 0);
    const [pop] = await levelValues(engine, leipzig, findIndicator(leipzig, 'einwohner'), PROGRAMME_LEVEL, 2023);
    expect(pop!.value).toBeCloseTo(residents, 6);
    expect(pop!.estimated).toBe(true);
    const [share] = await levelValues(engine, leipzig, findIndicator(leipzig, 'auslaenderanteil'), PROGRAMME_LEVEL, 2023);
    expect(share!.value).toBeCloseTo((foreigners / residents) * 100, 8);
    // less than the whole members' sum: the cut ones enter with part of their residents
    expect(residents).toBeLessThan(a.members.reduce((s, id) => s + v(ew, id), 0));
  });
});

describe('a drawn polygon over the 10,786 Gemeinden', () => {
  it('a Sozialraum near Verden: the Gemeinden it touches, prepared once per site (measured)', async () => {
    const { owner: o } = owner();
    const ring: [number, number][] = [];
    for (let i = 0; i < 24; i++) {
      const t = (2 * Math.PI * i) / 24;
      const r = i % 2 ? 0.6 : 1;
      ring.push([9.23 + (r * 15 * Math.cos(t)) / 67.3, 52.92 + (r * 15 * Math.sin(t)) / 110.6]);
    }
    ring.push(ring[0]!);
    const t0 = performance.now();
    const a = await o.addPolygon({ ...drawn({ type: 'Polygon', coordinates: [ring] }), site: 'gemeinden', programme: 'sozialraum' });
    const first = performance.now() - t0;
    const t1 = performance.now();
    const b = await o.addPolygon({ ...drawn({ type: 'Polygon', coordinates: [ring] }, 'Noch einmal'), site: 'gemeinden', programme: 'sozialraum' });
    const second = performance.now() - t1;
    expect(a.members.length).toBeGreaterThan(5);
    expect(b.members).toEqual(a.members);
    // Verden (Aller), AGS 03361012, lies at the centre
    expect(a.members).toContain('03361012');
    expect(Object.keys(a.areaShares ?? {}).length).toBeGreaterThan(0);
    console.info(`Gemeinden near Verden: first polygon ${first.toFixed(0)} ms (prepares 10,786 bases), second ${second.toFixed(0)} ms; ${a.members.length} members`);
    await o.settled();
  });
});

describe('a grid site', () => {
  it('the polygon goes to the owner as it is, members empty (the check decides; no weighing)', async () => {
    const { owner: o } = owner();
    const geometry = box(12.36, 51.325, 12.39, 51.345);
    const result = await o.addPolygon({ ...drawn(geometry), site: 'zensus-grid' }).then(
      (a) => ({ ok: true as const, a }),
      (err: Error) => ({ ok: false as const, reason: err.message }),
    );
    // Until grid sites accept drawn areas, the check's reason; afterwards, the polygon itself.
    if (result.ok) expect(result.a).toMatchObject({ site: 'zensus-grid', members: [], geometry });
    else expect(result.reason).toMatch(/no members/);
  });
});

describe('refined by the Zensus grid’s residents (real grid in DuckDB)', () => {
  const leipzig = findBundledSite('leipzig');
  let cache: ValueCache;
  beforeAll(async () => {
    const engine = await createNodeEngine();
    cache = new ValueCache(engine, (site) => loadSiteData(engine, site, readDataFile));
  }, 60_000);

  it('two boxes that split Leipzig along a meridian: each cut Ortsteil’s two weights add up to 1, and differ from its area shares', async () => {
    const surface = zensusSurface(leipzig, bundledCatalog.sites, cache)!;
    expect(surface).toBeDefined();
    const points = await surface.points();
    // the 1 km cells around Leipzig (about 300 km² of the city and its margin), with their residents
    expect(points!.cellMetres).toBe(1000);
    expect(points!.population.length).toBeGreaterThan(300);
    expect(points!.population.length).toBeLessThan(2000);
    const load = (path: string) => readGeometry(path);
    const west = await polygonMembers(leipzig, box(12.1, 51.1, 12.385, 51.6), load, surface);
    const east = await polygonMembers(leipzig, box(12.385, 51.1, 12.7, 51.6), load, surface);
    const cut = Object.keys(west.areaShares).filter((id) => id in east.areaShares);
    expect(cut.length).toBeGreaterThan(2);
    let differs = 0;
    for (const id of cut) {
      const ww = west.weights[id] ?? 1;
      const we = east.weights[id] ?? 1;
      expect(ww + we).toBeCloseTo(1, 6);
      // the areas split exactly too
      expect(west.areaShares[id]! + east.areaShares[id]!).toBeCloseTo(1, 6);
      if (Math.abs(ww - west.areaShares[id]!) > 0.02) differs++;
    }
    // where people live is not where the area is: the surface moves some weights
    expect(differs).toBeGreaterThan(0);
    // a whole Ortsteil stays whole (weight 1, no estimate)
    const whole = west.members.find((id) => !(id in west.areaShares))!;
    expect(west.weights[whole]).toBeUndefined();
  }, 120_000);

  it('the surface prepared over the cut Ortsteile only gives the weights of the whole surface', async () => {
    const surface = zensusSurface(leipzig, bundledCatalog.sites, cache)!;
    const points = (await surface.points())!;
    const cells = [];
    for (let i = 0; i < points.population.length; i++) {
      if (points.population[i]! > 0) cells.push({ geometry: cellAround(points.positions[2 * i]!, points.positions[2 * i + 1]!, 1000), population: points.population[i]! });
    }
    const ortsteile = await readGeometry('leipzig/ortsteil.geojson');
    const bases = prepareBases(ortsteile.features.map((f) => ({ id: String(f.properties.id), geometry: f.geometry })));
    const target = box(12.36, 51.325, 12.39, 51.345);
    const full = arealWeights(target, bases, prepareSurface({ cells }));
    const found = await polygonMembers(leipzig, target, readGeometry, surface);
    expect(full.some((w) => w.method === 'population')).toBe(true);
    expect([...found.members].sort()).toEqual(full.filter((w) => w.weight > 0).map((w) => w.id).sort());
    for (const w of full) if (w.weight > 0 && w.weight < 1) expect(found.weights[w.id]).toBeCloseTo(w.weight, 12);
  }, 120_000);

  it('no surface for an imported site or the grid itself', () => {
    const imported = { ...leipzig, id: 'user-site' };
    expect(zensusSurface(imported, [...bundledCatalog.sites, imported], cache)).toBeUndefined();
    expect(zensusSurface(findBundledSite('zensus-grid'), bundledCatalog.sites, cache)).toBeUndefined();
  });
});
