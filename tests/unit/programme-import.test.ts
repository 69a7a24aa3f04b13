// Programme areas from a boundary file (issue 17, 1c), on the real bundled Ortsteile and the real
// shapefile fixture: the name attribute proposed, the certainty of the coordinate system, features
// that are no areas or lie off the site named and left out, each feature → a polygon with its file
// number; then the owner's addPolygons (one DuckDB write for all) and the figures in real DuckDB.
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import type { AreaCollection } from '../../src/lib/data/geometry';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import { dissolveMembers, featuresById } from '../../src/lib/data/programme-areas-geometry';
import { PolygonOutsideError } from '../../src/lib/data/programme-weights';
import { SiteRegistry } from '../../src/lib/data/site-registry.svelte';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { levelValues } from '../../src/lib/db/queries';
import { loadSite } from '../../src/lib/db/schema';
import type { InputFile } from '../../src/lib/io/import/common';
import { readBoundaries } from '../../src/lib/io/import/boundaries';
import { crsByCode } from '../../src/lib/io/import/crs/definitions';
import { attributeKeys, featureName, nameAttribute, programmeImport } from '../../src/lib/io/import/programme-import';
import { ProgrammeAreas, type ProgrammeStorage } from '../../src/lib/state/programme-areas.svelte';
import { dropSlivers, IMPORT_SLIVER } from '../../src/lib/analysis/import-slivers';
import { createNodeEngine, dataDir, readDataFile } from './helpers/node-engine';

const readGeometry = async (path: string) => JSON.parse(await readFile(dataDir + path, 'utf8')) as AreaCollection;
const json = (name: string, value: unknown): InputFile => ({ name, bytes: new TextEncoder().encode(JSON.stringify(value)) });
const props = (...list: Record<string, unknown>[]) => list.map((properties) => ({ properties }));
const leipzig = findBundledSite('leipzig');

describe('the attribute that names the areas', () => {
  it('a name-like attribute holding text first, then one whose name contains such a word, then any text; else none', () => {
    expect(nameAttribute(props({ id: 1, NAME: 'Ost', art: 'ESF' }))).toBe('NAME');
    expect(nameAttribute(props({ nr: '01', Bezeichnung: 'Grünau', gebiet: 'Gebiet A' }))).toBe('Bezeichnung');
    expect(nameAttribute(props({ nr: 1, GEBIETSNAME: 'Mockau', typ: 'Q' }))).toBe('GEBIETSNAME');
    expect(nameAttribute(props({ key: '01', art: 'Fördergebiet' }))).toBe('art');
    // "name" holding only numbers is no name; a key of digits is not text
    expect(nameAttribute(props({ name: 12, kurz: 'Ost' }))).toBe('kurz');
    expect(nameAttribute(props({ id: '01', flaeche: 2.5 }))).toBeNull();
    expect(nameAttribute([])).toBeNull();
    // an attribute missing from the first feature still counts
    expect(nameAttribute(props({ id: 1 }, { id: 2, name: 'Zweites' }))).toBe('name');
    expect(attributeKeys(props({ id: 1 }, { id: 2, name: 'Zweites' }))).toEqual(['id', 'name']);
  });

  it('a feature without a name gets the fallback with its number in the file', () => {
    const f = { feature: 7, geometry: { type: 'Polygon', coordinates: [] } as Polygon, properties: { name: '  ', x: 'X' } };
    expect(featureName(f, 'name', (n) => `Gebiet ${n}`)).toBe('Gebiet 7');
    expect(featureName(f, 'x', (n) => `Gebiet ${n}`)).toBe('X');
    expect(featureName(f, null, (n) => `Area ${n}`)).toBe('Area 7');
  });
});

describe('a boundary file as programme areas', () => {
  let ortsteile: Map<string, Feature<Polygon | MultiPolygon>>;
  beforeAll(async () => {
    ortsteile = featuresById(await readGeometry('leipzig/ortsteil.geojson'));
  });

  /** Two programme areas from the real Ortsteile, a point, and a polygon near Munich. */
  function mixedFile(): FeatureCollection<Geometry | null> {
    return {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { nr: 1, name: 'Zentrum-Ring' }, geometry: dissolveMembers(ortsteile, ['00', '01', '02'])! },
        { type: 'Feature', properties: { nr: 2, name: 'Ein Punkt' }, geometry: { type: 'Point', coordinates: [12.37, 51.34] } },
        { type: 'Feature', properties: { nr: 3, name: '' }, geometry: dissolveMembers(ortsteile, ['10', '11'])! },
        { type: 'Feature', properties: { nr: 4, name: 'München' }, geometry: { type: 'Polygon', coordinates: [[[11.5, 48.1], [11.6, 48.1], [11.6, 48.2], [11.5, 48.1]]] } },
        { type: 'Feature', properties: { nr: 5, name: 'Ohne' }, geometry: null },
      ],
    };
  }

  it('GeoJSON in WGS 84: the polygons over the site with their file numbers; a point, a missing geometry and a polygon off the site named', async () => {
    const raw = await readBoundaries([json('gebiete.geojson', mixedFile())]);
    const r = programmeImport(raw, leipzig.bounds);
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    expect(r.features.map((f) => f.feature)).toEqual([1, 3]);
    expect(r.skipped).toEqual([{ feature: 2, type: 'Point' }, { feature: 5, type: 'none' }]);
    expect(r.outside).toEqual([4]);
    expect(r.attributes).toEqual(['nr', 'name']);
    expect(r.nameAttribute).toBe('name');
    expect(r.features.map((f) => featureName(f, r.nameAttribute, (n) => `Gebiet ${n}`))).toEqual(['Zentrum-Ring', 'Gebiet 3']);
  });

  it('the same areas as a shapefile-like EPSG:25833 GeoJSON with its crs member: reprojected back to within a centimetre', async () => {
    const utm = crsByCode(25833)!;
    const fc = mixedFile();
    fc.features = [fc.features[0]!, fc.features[2]!];
    const proj4 = (await import('proj4')).default;
    const forward = proj4('EPSG:4326', utm.proj4);
    const project = (g: Geometry | null) =>
      JSON.parse(JSON.stringify(g), (_k, v) => (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' ? forward.forward(v as [number, number]) : v)) as Geometry;
    const utmFc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25833' } }, features: fc.features.map((f) => ({ ...f, geometry: project(f.geometry) })) };
    const raw = await readBoundaries([json('gebiete_25833.geojson', utmFc)]);
    expect(raw.crs.confidence).toBe('certain');
    const r = programmeImport(raw, leipzig.bounds);
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    expect(r.features.map((f) => f.feature)).toEqual([1, 2]);
    const back = (r.features[0]!.geometry.type === 'Polygon' ? r.features[0]!.geometry.coordinates[0] : r.features[0]!.geometry.coordinates[0]![0])!;
    const orig = (fc.features[0]!.geometry as Polygon).type === 'Polygon' ? (fc.features[0]!.geometry as Polygon).coordinates[0]! : (fc.features[0]!.geometry as unknown as MultiPolygon).coordinates[0]![0]!;
    expect(back.length).toBe(orig.length);
    for (let i = 0; i < orig.length; i += 17) {
      expect(back[i]![0]).toBeCloseTo(orig[i]![0]!, 7);
      expect(back[i]![1]).toBeCloseTo(orig[i]![1]!, 7);
    }
  });

  it('the real shapefile fixture (four squares in Leipzig, EPSG:25833 with .prj): certain, four areas named by OT_NAME', async () => {
    const zip: InputFile = { name: 'ortsteile_25833.zip', bytes: new Uint8Array(readFileSync(new URL('../fixtures/import/ortsteile_25833.zip', import.meta.url))) };
    const raw = await readBoundaries([zip]);
    const r = programmeImport(raw, leipzig.bounds);
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    expect(r.features.map((f) => f.feature)).toEqual([1, 2, 3, 4]);
    expect(r.skipped).toEqual([]);
    expect(r.outside).toEqual([]);
    expect(r.attributes).toEqual(['OT_NR', 'OT_NAME', 'EINW', 'ALQ_ANT']);
    expect(r.nameAttribute).toBe('OT_NAME');
    expect(r.features.map((f) => featureName(f, r.nameAttribute, () => ''))).toEqual(['Lößnig', 'Großzschocher', 'Südvorstadt', 'Mölkau']);
    for (const f of r.features) {
      const [x, y] = (f.geometry as Polygon).coordinates[0]![0]!;
      expect(x! >= leipzig.bounds[0] - 0.1 && x! <= leipzig.bounds[2] + 0.1 && y! >= leipzig.bounds[1] - 0.1 && y! <= leipzig.bounds[3] + 0.1).toBe(true);
    }
  });

  it('UTM coordinates without a crs member: the system is only guessed, so the import is refused and names the guess', async () => {
    const proj4 = (await import('proj4')).default;
    const forward = proj4('EPSG:4326', crsByCode(25833)!.proj4);
    const g = dissolveMembers(ortsteile, ['00'])!;
    const utm = JSON.parse(JSON.stringify(g), (_k, v) => (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' ? forward.forward(v as [number, number]) : v));
    const raw = await readBoundaries([json('ohne-crs.geojson', { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Zentrum' }, geometry: utm }] })]);
    const r = programmeImport(raw, leipzig.bounds);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('crs');
  });

  it('a file wholly off the site is refused with where it lies', async () => {
    const raw = await readBoundaries([json('muenchen.geojson', { type: 'FeatureCollection', features: [mixedFile().features[3]] })]);
    const r = programmeImport(raw, leipzig.bounds);
    expect(r).toEqual({ ok: false, reason: 'outside', bbox: [11.5, 48.1, 11.6, 48.2] });
  });
});

describe('addPolygons: the features through the owner, one write, the figures in DuckDB', () => {
  it('two areas added and kept at once, one touching no Ortsteil named by its index; Zentrum-Ring has exactly 23,784 residents in 2023', async () => {
    const registry = new SiteRegistry();
    registry.loadBaseGeometry = readGeometry;
    const saves: ProgrammeArea[][] = [];
    const storage: ProgrammeStorage = { save: async (areas) => void saves.push(structuredClone([...areas])), remove: async () => undefined };
    const o = new ProgrammeAreas(registry, null, null, storage);
    const ortsteile = featuresById(await readGeometry('leipzig/ortsteil.geojson'));
    const input = (name: string, geometry: Polygon | MultiPolygon) => ({ site: 'leipzig', name, programme: 'esf-plus' as const, startYear: 2021, geometry });
    // inside Leipzig's bounding box but outside the city (its south-east corner)
    const corner: Polygon = { type: 'Polygon', coordinates: [[[12.537, 51.239], [12.5415, 51.239], [12.5415, 51.2415], [12.537, 51.239]]] };
    const steps: number[] = [];
    const { added, failed } = await o.addPolygons(
      [input('Zentrum-Ring', dissolveMembers(ortsteile, ['00', '01', '02'])!), input('Ecke', corner), input('Nordwest', dissolveMembers(ortsteile, ['10', '11'])!)],
      (done, total) => steps.push(done / total),
    );
    expect(steps).toEqual([1 / 3, 2 / 3, 1]);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.index).toBe(1);
    expect(failed[0]!.error).toBeInstanceOf(PolygonOutsideError);
    expect(added.map((a) => a.name)).toEqual(['Zentrum-Ring', 'Nordwest']);
    expect([...added[0]!.members].sort()).toEqual(['00', '01', '02']);
    expect([...added[1]!.members].sort()).toEqual(['10', '11']);
    expect(new Set(added.map((a) => a.color)).size).toBe(2);
    expect(saves).toHaveLength(1);
    expect(saves[0]!.map((a) => a.id)).toEqual(added.map((a) => a.id));
    expect(o.of('leipzig').map((a) => a.id)).toEqual(added.map((a) => a.id));

    const engine = await createNodeEngine();
    await loadSite(engine, leipzig, readDataFile);
    await setProgrammeAreas(engine, leipzig, o.of('leipzig'));
    const rows = await levelValues(engine, leipzig, findIndicator(leipzig, 'einwohner'), PROGRAMME_LEVEL, 2023);
    expect(rows.find((r) => r.id === added[0]!.id)).toMatchObject({ value: 23784, estimated: false });
    await o.settled();
  });
});

describe('slivers of imported boundaries', () => {
  it('a cut below the tolerance is no member, one above 1 − tolerance is whole, the rest stays estimated', () => {
    const found = {
      geometry: 'kept as it is',
      members: ['a', 'b', 'c', 'd'],
      weights: { b: 0.00002, c: 0.9997, d: 0.4 },
      areaShares: { b: 0.00003, c: 0.9995, d: 0.37 },
    };
    expect(dropSlivers(found, IMPORT_SLIVER)).toEqual({ geometry: 'kept as it is', members: ['a', 'c', 'd'], weights: { d: 0.4 }, areaShares: { d: 0.37 } });
    // tolerance 0 keeps everything
    expect(dropSlivers(found, 0)).toEqual(found);
  });

  it('the real 7-digit UTM 32N shapefile of the 63 Ortsteile (coordinates rounded to cm): slivers everywhere without the tolerance, each Ortsteil exactly itself with it', async () => {
    const dir = new URL('../fixtures/drop/', import.meta.url);
    const parts: InputFile[] = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => ({ name: `Stadtteile_UTM32_7stellig.${e}`, bytes: new Uint8Array(readFileSync(new URL(`Stadtteile_UTM32_7stellig.${e}`, dir))) }));
    const r = programmeImport(await readBoundaries(parts), leipzig.bounds);
    if (!r.ok) throw new Error(`refused: ${r.reason}`);
    expect(r.features).toHaveLength(63);
    expect(r.nameAttribute).toBe('OT_NAME');
    const registry = new SiteRegistry();
    registry.loadBaseGeometry = readGeometry;
    const storage: ProgrammeStorage = { save: async () => undefined, remove: async () => undefined };
    const inputs = r.features.map((f) => ({ site: 'leipzig', name: featureName(f, 'OT_NR', String), programme: 'sozialraum' as const, startYear: null, geometry: f.geometry }));
    const raw = await new ProgrammeAreas(registry, null, null, storage).addPolygons(inputs);
    expect(raw.failed).toEqual([]);
    expect(raw.added.filter((a) => Object.keys(a.areaShares ?? {}).length > 0).length).toBeGreaterThan(50);
    const t0 = performance.now();
    const registry2 = new SiteRegistry();
    registry2.loadBaseGeometry = readGeometry;
    const snapped = await new ProgrammeAreas(registry2, null, null, storage).addPolygons(inputs, () => {}, IMPORT_SLIVER);
    console.info(`63 imported Ortsteile weighed and added: ${(performance.now() - t0).toFixed(0)} ms (Node, bases prepared)`);
    expect(snapped.failed).toEqual([]);
    for (const a of snapped.added) {
      expect(a.members).toEqual([a.name]);
      expect(a.weights).toEqual({});
      expect(a.areaShares).toEqual({});
    }
  });
});
