// Programme areas as a level of their site in the registry (level, outlines from the
// real bundled boundaries) and the owner that edits them (add, update, rename,
// remove with undo). The browser's storage itself is tried end to end
// (tests/e2e/programme-areas.spec.ts); here the owner keeps into a Map.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { area as turfArea, booleanPointInPolygon } from '@turf/turf';
import { findBundledSite } from '../../src/lib/data/catalog';
import type { AreaCollection } from '../../src/lib/data/geometry';
import {
  decodeProgrammeAreas, encodeProgrammeAreas, hierarchyLevels, isEstimated, newProgrammeAreaId, PROGRAMME_LEVEL, topLevel,
  type ProgrammeArea,
} from '../../src/lib/data/programme-areas';
import { checkProgrammeArea } from '../../src/lib/data/programme-areas-check';
import { dissolveMembers, featuresById, labelPoint, programmeGeometry, type ProgrammeCollection } from '../../src/lib/data/programme-areas-geometry';
import { SiteRegistry } from '../../src/lib/data/site-registry.svelte';
import { userFileBytes } from '../../src/lib/data/user-files';
import { ProgrammeAreas, type ProgrammeStorage } from '../../src/lib/state/programme-areas.svelte';
import { dataDir } from './helpers/node-engine';

const readGeometry = async (path: string) => JSON.parse(await readFile(dataDir + path, 'utf8')) as AreaCollection;

function registry(): SiteRegistry {
  const r = new SiteRegistry();
  r.loadBaseGeometry = readGeometry;
  return r;
}

/** A storage in memory with the interface of the IndexedDB one. */
function memoryStorage(): ProgrammeStorage & { kept: Map<string, ProgrammeArea> } {
  const kept = new Map<string, ProgrammeArea>();
  return {
    kept,
    save: async (areas) => void areas.forEach((a) => kept.set(a.id, structuredClone(a))),
    remove: async (id) => void kept.delete(id),
  };
}

const input = (members: string[], name = 'Leipziger Osten') => ({ site: 'leipzig', name, programme: 'esf-plus' as const, startYear: 2021, members });

describe('the programme level of a site', () => {
  it('is listed after the statistical levels and is no part of their hierarchy', async () => {
    const r = registry();
    const done = r.setProgrammeAreas('leipzig', [{ id: 'pa-a', site: 'leipzig', name: 'A', programme: 'thinka', startYear: null, color: '#e69f00', members: ['00'] }]);
    const site = r.site('leipzig');
    expect(site.levels.map((l) => l.id)).toEqual(['ortsteil', 'stadtbezirk', 'stadt', PROGRAMME_LEVEL]);
    expect(site.levels.at(-1)).toMatchObject({ label: { de: 'Programmgebiete', en: 'Programme areas' }, count: 1 });
    expect(hierarchyLevels(site).map((l) => l.id)).toEqual(['ortsteil', 'stadtbezirk', 'stadt']);
    expect(topLevel(site).id).toBe('stadt');
    await done;
    await r.setProgrammeAreas('leipzig', []);
    expect(r.site('leipzig').levels.map((l) => l.id)).toEqual(['ortsteil', 'stadtbezirk', 'stadt']);
    // the bundled catalog is untouched
    expect(findBundledSite('leipzig').levels).toHaveLength(3);
  });

  it('a union of Ortsteile 00, 01, 02 is one dissolved outline covering exactly their area', async () => {
    const r = registry();
    await r.setProgrammeAreas('leipzig', [{ id: 'pa-z', site: 'leipzig', name: 'Zentrum', programme: 'esf-plus', startYear: 2022, color: '#e69f00', members: ['00', '01', '02'] }]);
    const path = r.site('leipzig').levels.find((l) => l.id === PROGRAMME_LEVEL)!.geometry;
    const fc = JSON.parse(new TextDecoder().decode(userFileBytes(path))) as ProgrammeCollection;
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]!.properties).toEqual({ id: 'pa-z', name: 'Zentrum', color: '#e69f00' });
    const ortsteile = featuresById(await readGeometry('leipzig/ortsteil.geojson'));
    const sum = ['00', '01', '02'].reduce((s, id) => s + turfArea(ortsteile.get(id)!), 0);
    expect(turfArea(fc.features[0]!) / sum).toBeCloseTo(1, 4); // the parts' area, nothing lost or doubled
    // a dissolved outline: one polygon, the shared borders gone
    expect(fc.features[0]!.geometry.type).toBe('Polygon');
  });

  it('a drawn polygon is its own outline, and its label point lies inside it', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [[[12.36, 51.33], [12.40, 51.33], [12.40, 51.35], [12.36, 51.35], [12.36, 51.33]]] };
    const fc = programmeGeometry(null, [{ id: 'pa-d', site: 'leipzig', name: 'D', programme: 'thinka', startYear: null, color: '#000000', members: ['00'], geometry: polygon, weights: { '00': 0.3 } }]);
    expect(fc.features[0]!.geometry).toEqual(polygon);
    expect(booleanPointInPolygon(labelPoint(polygon), polygon)).toBe(true);
    expect(dissolveMembers(new Map(), ['00'])).toBeNull();
  });

  it('dissolving 500 Gemeinden (measured)', async () => {
    const gemeinden = await readGeometry('gemeinden/gemeinde.geojson');
    const byId = featuresById(gemeinden);
    // 500 neighbouring Gemeinden: the first 500 by AGS (one Land's north)
    const ids = [...byId.keys()].sort().slice(0, 500);
    const t0 = performance.now();
    const outline = dissolveMembers(byId, ids);
    const ms = performance.now() - t0;
    expect(outline).not.toBeNull();
    const sum = ids.reduce((s, id) => s + turfArea(byId.get(id)!), 0);
    expect(turfArea(outline!) / sum).toBeCloseTo(1, 2);
    console.info(`dissolve of 500 Gemeinden: ${ms.toFixed(0)} ms (Node, one thread)`);
  });
});

describe('the ProgrammeAreas owner', () => {
  it('adds, updates, renames, removes with undo; keeps every change', async () => {
    const r = registry();
    const storage = memoryStorage();
    const owner = new ProgrammeAreas(r, null, null, storage);
    const a = await owner.add(input(['00', '01', '02']));
    expect(a.id).toMatch(/^pa-[a-z0-9]{8}$/);
    expect(a.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(owner.of('leipzig')).toEqual([a]);
    expect(storage.kept.get(a.id)).toEqual(a);
    expect(r.site('leipzig').levels.at(-1)!.id).toBe(PROGRAMME_LEVEL);

    const b = await owner.add({ ...input(['01', '10'], 'Grünau'), programme: 'own', programmeText: 'Quartiersfonds' });
    expect(b.color).not.toBe(a.color);
    expect(r.site('leipzig').levels.at(-1)!.count).toBe(2);

    await owner.rename(a.id, '  Leipziger Osten (neu)  ');
    expect(owner.find(a.id)!.name).toBe('Leipziger Osten (neu)');
    await owner.update(a.id, { members: ['00', '01'], startYear: 2023 });
    expect(owner.find(a.id)).toMatchObject({ members: ['00', '01'], startYear: 2023 });
    expect(storage.kept.get(a.id)!.members).toEqual(['00', '01']);
    await expect(owner.update(a.id, { members: [] })).rejects.toThrow(/no members/);
    await expect(owner.add({ ...input(['00']), site: 'nowhere' })).rejects.toThrow(/Unknown site/);
    await expect(owner.add({ ...input(['00']), startYear: 1800 })).rejects.toThrow(/start year/);

    await owner.remove(a.id);
    expect(owner.of('leipzig').map((x) => x.id)).toEqual([b.id]);
    expect(storage.kept.has(a.id)).toBe(false);
    expect(owner.lastRemoved?.id).toBe(a.id);
    expect(await owner.undoRemove()).toBe(true);
    expect(owner.of('leipzig').map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(storage.kept.has(a.id)).toBe(true);
    expect(await owner.undoRemove()).toBe(false);

    await owner.remove(a.id);
    await owner.remove(b.id);
    expect(r.site('leipzig').levels.some((l) => l.id === PROGRAMME_LEVEL)).toBe(false);
    await owner.settled();
  });

  it('a drawn area with weights stays drawn when renamed; members without weights make it a union again', async () => {
    const owner = new ProgrammeAreas(registry(), null, null, memoryStorage());
    const d = await owner.add({ ...input(['00', '01']), weights: { '00': 0.5 } });
    expect(isEstimated(d)).toBe(true);
    await owner.rename(d.id, 'Anders');
    expect(isEstimated(owner.find(d.id)!)).toBe(true);
    await owner.update(d.id, { members: ['00', '01', '02'] });
    expect(owner.find(d.id)!.weights).toBeUndefined();
  });

  it('addMany (a project file) replaces areas with the same id and skips unknown sites', async () => {
    const owner = new ProgrammeAreas(registry(), null, null, memoryStorage());
    const a = await owner.add(input(['00']));
    await owner.addMany([{ ...a, name: 'Aus der Datei' }, { ...a, id: 'pa-other', site: 'nowhere' }]);
    expect(owner.all.map((x) => [x.id, x.name])).toEqual([[a.id, 'Aus der Datei']]);
  });
});

describe('the model', () => {
  it('ids are fresh and valid; checks keep what is sane and say what is not', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newProgrammeAreaId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(checkProgrammeArea({ id, site: 's', name: 'n', programme: 'own', startYear: null, members: ['1'] }).ok).toBe(true);
    const bad = (x: object) => {
      const c = checkProgrammeArea({ id: 'pa-x', site: 's', name: 'n', programme: 'own', startYear: null, members: ['1'], ...x });
      return c.ok ? null : c.reason;
    };
    expect(bad({ id: 'x' })).toMatch(/no id/);
    expect(bad({ name: ' ' })).toMatch(/name/);
    expect(bad({ members: ['a,b'] })).toMatch(/member id/);
    expect(bad({ weights: { '2': 0.5 } })).toMatch(/weight/);
    expect(bad({ weights: { '1': 0 } })).toMatch(/weight/);
    expect(bad({ geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } })).toMatch(/polygon/);
    expect(bad({ geometry: { type: 'Point', coordinates: [0, 0] } })).toMatch(/polygon/);
    expect(bad({ color: 'url(https://x)' })).toBeNull(); // a damaged colour becomes a default one
    const c = checkProgrammeArea({ id: 'pa-x', site: 's', name: 'n', programme: 'own', startYear: null, members: ['1', '1'], color: 'url(x)' });
    expect(c.ok && c.value.members).toEqual(['1']);
    expect(c.ok && c.value.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('the URL form round-trips any name and member ids', () => {
    const area: ProgrammeArea = { id: 'pa-1', site: 'x', name: 'a~b|c,d%e&f=g#h ü', programme: 'sozialraum', startYear: 2019, color: '#123abc', members: ['03361001', '03361002'] };
    const { areas, rejected } = decodeProgrammeAreas(encodeProgrammeAreas([area]), 'x');
    expect(rejected).toEqual([]);
    expect(areas).toEqual([area]);
  });
});
