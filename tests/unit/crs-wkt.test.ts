// Coordinate systems from their own definitions (issue 16, item 1): WKT variants as German municipal
// data ship them each reproject a known point within 1 m of the reference transformation — proj4 with
// the EPSG registry's proj strings, written out here — and get their readable name.
import { describe, expect, test } from 'vitest';
import proj4 from 'proj4';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crsByCode, type Crs } from '../../src/lib/io/import/crs/definitions';
import { parsePrj, readWkt } from '../../src/lib/io/import/crs/wkt';
import { readProjJson } from '../../src/lib/io/import/crs/projjson';
import { detectCrs } from '../../src/lib/io/import/crs/detect';
import { fromWgs84, transformPosition } from '../../src/lib/io/import/crs/reproject';
import { trial } from '../../src/lib/io/import/crs/guess';
import { translate } from '../../src/lib/i18n';
import '../../src/lib/i18n/import-messages'; // the readable CRS names are the import dialog's texts

const DIR = fileURLToPath(new URL('../fixtures/crs/', import.meta.url));
const fixture = (name: string) => readFileSync(DIR + name, 'utf8');
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

// Reference definitions (the EPSG registry's, as epsg.io / PROJ write them)
const REF = {
  utm32: '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  utm32x7: '+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=2500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  utm32x8: '+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=32500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  utm33x7: '+proj=tmerc +lat_0=0 +lon_0=15 +k=0.9996 +x_0=3500000 +y_0=0 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  gk4: '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs',
  laea: '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  ca3ft: '+proj=lcc +lat_1=38.43333333333333 +lat_2=37.06666666666667 +lat_0=36.5 +lon_0=-120.5 +x_0=2000000.0001016 +y_0=500000.0001016001 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=us-ft +no_defs',
  ntf2: '+proj=lcc +lat_1=46.8 +lat_0=46.8 +lon_0=0 +k_0=0.99987742 +x_0=600000 +y_0=2200000 +a=6378249.2 +b=6356515 +towgs84=-168,-60,320,0,0,0,0 +pm=paris +units=m +no_defs',
  ntfGeo: '+proj=longlat +a=6378249.2 +b=6356515 +towgs84=-168,-60,320,0,0,0,0 +pm=paris +no_defs',
  soldner: '+proj=cass +lat_0=52.41864827777778 +lon_0=13.62720366666667 +x_0=40000 +y_0=10000 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs',
  rd: '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs',
  s42gk4: '+proj=tmerc +lat_0=0 +lon_0=12 +k=1 +x_0=4500000 +y_0=0 +ellps=krass +towgs84=26,-121,-78,0,0,0,0 +units=m +no_defs',
  wgs84utm31: '+proj=utm +zone=31 +datum=WGS84 +units=m +no_defs',
  etrs89: '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs',
  dhdnGeo: '+proj=longlat +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +no_defs',
};

// Places (WGS84)
const LEIPZIG = [12.381, 51.3397] as const; // Augustusplatz
const HANNOVER = [9.7385, 52.3745] as const;
const KOELN = [6.9583, 50.9413] as const;
const MUENCHEN = [11.5755, 48.1374] as const;
const BERLIN = [13.4132, 52.5219] as const; // Alexanderplatz
const ENSCHEDE = [6.8937, 52.2215] as const;
const SAN_FRANCISCO = [-122.4194, 37.7749] as const;
const REIMS = [4.0317, 49.2583] as const;

/** metres per unit of a reference definition's coordinates */
const refUnit = (def: string) => (/\+units=us-ft/.test(def) ? 1200 / 3937 : 1);

/**
 * The reference's x, y of `place`, read back with our Crs and projected again by the reference: the
 * distance (m) between the two, and our forward transformation against the reference (m).
 */
function errors(crs: Crs, ref: string, place: readonly [number, number]): { roundTrip: number; forward: number } {
  const [x, y] = proj4(WGS84, ref, [...place]);
  const [lon, lat] = transformPosition(x, y, crs);
  const [x2, y2] = proj4(WGS84, ref, [lon, lat]);
  const [fx, fy] = fromWgs84(place[0], place[1], crs);
  const u = refUnit(ref);
  return { roundTrip: Math.hypot(x2 - x, y2 - y) * u, forward: Math.hypot(fx - x, fy - y) * u };
}

const withinOneMetre = (crs: Crs, ref: string, places: readonly (readonly [number, number])[]) => {
  for (const place of places) {
    const e = errors(crs, ref, place);
    expect(e.roundTrip, `round trip at ${place.join(',')}`).toBeLessThan(1);
    expect(e.forward, `forward at ${place.join(',')}`).toBeLessThan(1);
  }
};

const read = (text: string): Crs => {
  const r = readWkt(text);
  if (!r.ok) throw new Error(r.error);
  return r.reading.crs;
};
const label = (crs: Crs, lang: 'de' | 'en' = 'de') => translate(lang, crs.label.key, crs.label.params);

describe('WKT variants reproject a known point within 1 m of the reference', () => {
  test.each([
    // file, reference, places, readable name (de), key
    ['25832-7stellen.esri.prj', REF.utm32x7, [LEIPZIG, HANNOVER, KOELN], 'ETRS89 / UTM 32N, 7-stellig (Ostwert mit 2.500.000)', 'ESRI:102328'],
    ['25833-7stellen.esri.prj', REF.utm33x7, [LEIPZIG, BERLIN], 'ETRS89 / UTM 33N, 7-stellig (Ostwert mit 3.500.000)', 'ESRI:102359'],
    ['variants/qgis-utm32-7digit-towgs84.prj', REF.utm32x7, [LEIPZIG, HANNOVER, KOELN], 'ETRS89 / UTM 32N, 7-stellig (Ostwert mit 2.500.000)', 'ESRI:102328'],
    ['variants/esri-utm32-8stellen.prj', REF.utm32x8, [HANNOVER, KOELN, MUENCHEN], 'ETRS89 / UTM 32N mit Zonenkennung (32.500.000)', 'EPSG:4647'],
    ['25832.wkt2.prj', REF.utm32, [HANNOVER, KOELN, LEIPZIG], 'ETRS89 / UTM 32N', 'EPSG:25832'],
    ['31468.esri.prj', REF.gk4, [LEIPZIG, MUENCHEN], 'DHDN / Gauß-Krüger Streifen 4', 'EPSG:31468'],
    ['31468.ogc.prj', REF.gk4, [LEIPZIG, MUENCHEN], 'DHDN / Gauß-Krüger Streifen 4', 'EPSG:31468'],
    ['variants/gdal-wkt2-dhdn-gk4-boundcrs.prj', REF.gk4, [LEIPZIG, MUENCHEN], 'DHDN / Gauß-Krüger Streifen 4', 'EPSG:31468'],
    ['3035.wkt2.prj', REF.laea, [LEIPZIG, KOELN, MUENCHEN], 'ETRS89 / LAEA Europa', 'EPSG:3035'],
    ['variants/ogc-soldner-berlin.prj', REF.soldner, [BERLIN], 'DHDN / Soldner Berlin', null],
    ['variants/esri-rd-new-double-stereographic.prj', REF.rd, [ENSCHEDE], null, null],
    ['unknown-pulkovo-gk4.ogc.prj', REF.s42gk4, [LEIPZIG], 'S42/83 / Gauß-Krüger Streifen 4', null],
    ['unknown-wgs84-utm31n.esri.prj', REF.wgs84utm31, [KOELN], 'WGS 84 / UTM 31N', null],
    ['variants/esri-stateplane-ca3-ftus.prj', REF.ca3ft, [SAN_FRANCISCO], null, null],
    ['variants/esri-ntf-lambert2-grads.prj', REF.ntf2, [REIMS], null, null],
    ['variants/ogc-ntf-lambert2-grads.prj', REF.ntf2, [REIMS], null, null],
  ] as const)('%s', (file, ref, places, name, key) => {
    const crs = read(fixture(file));
    withinOneMetre(crs, ref, places);
    if (name) expect(label(crs)).toBe(name);
    else expect(crs.label.key).toBe('crs.custom');
    if (key) expect(crs.key).toBe(key);
    else expect(crs.key).toMatch(/^WKT:[0-9a-f]{8}$/);
  });

  test('US survey feet and international feet: the same numbers are different places', () => {
    const ftUs = read(fixture('variants/esri-stateplane-ca3-ftus.prj'));
    expect(ftUs.proj4).toContain('+to_meter=0.304800609601219');
    // the false easting is converted to metres (2,000,000 m, not 6,561,666 m)
    expect(ftUs.proj4).toMatch(/\+x_0=2000000(\.000\d*)? /);
    const [x, y] = proj4(WGS84, REF.ca3ft, [...SAN_FRANCISCO]);
    // near the origin: some 1.9 million feet east of the meridian's false easting
    expect(x).toBeGreaterThan(5_900_000);
    expect(x).toBeLessThan(6_100_000);
    const ft = read(fixture('variants/esri-stateplane-ca3-ftus.prj').replace('UNIT["Foot_US",0.3048006096012192]', 'UNIT["Foot",0.3048]'));
    const [lonUs] = transformPosition(x, y, ftUs);
    const [lonFt, latFt] = transformPosition(x, y, ft);
    expect(lonUs).toBeCloseTo(SAN_FRANCISCO[0], 7);
    // the two feet differ by 2 ppm: some 0.4 m at San Francisco's 200 km from the false origin
    const [rx, ry] = proj4(WGS84, REF.ca3ft, [lonFt, latFt]);
    const off = Math.hypot(rx - x, ry - y) * 0.3048;
    expect(off).toBeGreaterThan(0.2);
    expect(off).toBeLessThan(1);
    // the same numbers read as metres are hundreds of kilometres away
    const metres = read(fixture('variants/esri-stateplane-ca3-ftus.prj').replace('UNIT["Foot_US",0.3048006096012192]', 'UNIT["Meter",1.0]'));
    const [lonM] = transformPosition(x, y, metres);
    expect(Math.abs(lonM - SAN_FRANCISCO[0])).toBeGreaterThan(3);
  });

  test('grads: NTF (Paris) longitude/latitude in grads from the Paris meridian, axes latitude first', () => {
    const crs = read(fixture('variants/ogc-ntf-paris-geographic-grads.prj'));
    expect(crs).toMatchObject({ geographic: true, axes: 'ne', code: 4807 });
    expect(crs.unitDegrees).toBeCloseTo(0.9, 12);
    const ref = proj4(WGS84, REF.ntfGeo);
    // Reims in NTF (Paris) grads: longitude east of Paris, latitude
    const [lonDeg, latDeg] = ref.forward([...REIMS]);
    const [lon, lat] = transformPosition(lonDeg / 0.9, latDeg / 0.9, crs);
    expect(Math.abs(lon - REIMS[0]) * 70_000).toBeLessThan(1);
    expect(Math.abs(lat - REIMS[1]) * 111_000).toBeLessThan(1);
    // and with the axes as stored latitude first
    expect(transformPosition(latDeg / 0.9, lonDeg / 0.9, crs, { swapAxes: true })).toEqual([lon, lat]);
  });

  test('WKT2 ETRS89 (EPSG:4258) declares latitude first; files store longitude first, which the check decides', () => {
    const crs = read(fixture('variants/wkt2-etrs89-geographic-latfirst.prj'));
    expect(crs).toBe(crsByCode(4326));
    const lonLat: [number, number][] = [[...LEIPZIG], [...HANNOVER]];
    expect(detectCrs({ prj: fixture('variants/wkt2-etrs89-geographic-latfirst.prj'), samples: lonLat })).toMatchObject({ confidence: 'certain', swappedAxes: false });
    const latLon = lonLat.map(([a, b]) => [b, a] as [number, number]);
    const swapped = detectCrs({ prj: fixture('variants/wkt2-etrs89-geographic-latfirst.prj'), samples: latLon });
    expect(swapped).toMatchObject({ confidence: 'likely', swappedAxes: true });
    expect(swapped.reason).toMatch(/latitude before longitude\) \(as its definition declares\)/);
  });

  test('WKT2 BOUNDCRS with Coordinate Frame rotation: the rotations change sign', () => {
    const pv = fixture('variants/gdal-wkt2-dhdn-gk4-boundcrs.prj');
    const cf = pv
      .replace('Position Vector transformation (geog2D domain)', 'Coordinate Frame rotation (geog2D domain)')
      .replace('"X-axis rotation",0.202', '"X-axis rotation",-0.202')
      .replace('"Y-axis rotation",0.045', '"Y-axis rotation",-0.045')
      .replace('"Z-axis rotation",-2.455', '"Z-axis rotation",2.455');
    expect(cf).not.toBe(pv);
    withinOneMetre(read(cf), REF.gk4, [LEIPZIG, MUENCHEN]);
    // rotations given in radians are converted to arc-seconds
    const rad = pv.replace('"Z-axis rotation",-2.455,', `"Z-axis rotation",${(-2.455 * Math.PI) / 648_000},ANGLEUNIT["radian",1],`);
    withinOneMetre(read(rad), REF.gk4, [LEIPZIG]);
    // without its shift the same file would be some 150 m off: the shift is applied
    const noShift = read(pv.replace(/,\s*ABRIDGEDTRANSFORMATION[\s\S]*$/, ']').replace(/^BOUNDCRS\[\s*SOURCECRS\[/, '').replace(/\],\s*TARGETCRS[\s\S]*$/, ''));
    expect(noShift.key).toBe('EPSG:31468'); // DHDN by name: the known shift
  });

  test('WKT2 LAEA and UTM without their IDs are still the known systems; a WKT2 in kilometres is its own', () => {
    const strip = (t: string) => t.replace(/,\s*ID\["EPSG",\d+\]\]\s*$/, ']');
    expect(read(strip(fixture('3035.wkt2.prj'))).key).toBe('EPSG:3035');
    expect(read(strip(fixture('25832.wkt2.prj'))).key).toBe('EPSG:25832');
    const km = strip(fixture('25832.wkt2.prj')).replace(/AXIS\["(easting|northing) \((E|N)\)",(east|north),ORDER\[(\d)\],LENGTHUNIT\["metre",1\]\]/g, 'AXIS["$1 ($2)",$3,ORDER[$4],LENGTHUNIT["kilometre",1000]]');
    expect(km).not.toBe(strip(fixture('25832.wkt2.prj')));
    const crs = read(km);
    expect(crs.key).toMatch(/^WKT:/);
    const [x, y] = proj4(WGS84, REF.utm32, [...HANNOVER]);
    const [lon, lat] = transformPosition(x / 1000, y / 1000, crs);
    expect(lon).toBeCloseTo(HANNOVER[0], 7);
    expect(lat).toBeCloseTo(HANNOVER[1], 7);
  });

  test('geographic DHDN (EPSG:4314) gets the DHDN shift', () => {
    const crs = read(fixture('unknown-dhdn-geographic.ogc.prj'));
    expect(crs).toMatchObject({ geographic: true, code: 4314, shift: 'given' });
    const [lon, lat] = proj4(WGS84, REF.dhdnGeo, [...LEIPZIG]);
    const [blon, blat] = transformPosition(lon, lat, crs);
    expect(Math.hypot((blon - LEIPZIG[0]) * 70_000, (blat - LEIPZIG[1]) * 111_000)).toBeLessThan(1);
    expect(Math.hypot((lon - LEIPZIG[0]) * 70_000, (lat - LEIPZIG[1]) * 111_000)).toBeGreaterThan(50);
  });

  test('readable names in English too', () => {
    expect(label(read(fixture('25832-7stellen.esri.prj')), 'en')).toBe('ETRS89 / UTM 32N, 7-digit (easting with 2,500,000)');
    expect(label(read(fixture('31468.esri.prj')), 'en')).toBe('DHDN / Gauss-Krüger zone 4');
    expect(label(read(fixture('variants/esri-rd-new-double-stereographic.prj')))).toBe('Eigenes System aus der Datei: RD New (Double Stereographic)');
  });
});

describe('the issue\'s case: a 7-digit UTM 32 .prj without an EPSG code', () => {
  const prj = fixture('variants/qgis-utm32-7digit-towgs84.prj');
  const samples: [number, number][] = [LEIPZIG, HANNOVER, [12.3, 51.3]].map(([lon, lat]) => proj4(WGS84, REF.utm32x7, [lon, lat]) as [number, number]);

  test('is recognised without asking and lands where it belongs', () => {
    const d = detectCrs({ prj, samples });
    expect(d).toMatchObject({ source: 'prj', confidence: 'certain', swappedAxes: false });
    expect(d.crs?.key).toBe('ESRI:102328');
    const [lon, lat] = transformPosition(...samples[0]!, d.crs!);
    expect(lon).toBeGreaterThan(12.3);
    expect(lon).toBeLessThan(12.45);
    expect(lat).toBeGreaterThan(51.3);
    expect(lat).toBeLessThan(51.4);
  });

  test("a GeoPackage's call: its srs code when known, else its definition", () => {
    const unknownCode = detectCrs({ prj, epsg: { code: 999_999, source: 'metadata', origin: 'GeoPackage' }, samples });
    expect(unknownCode).toMatchObject({ source: 'metadata', confidence: 'certain' });
    expect(unknownCode.crs?.key).toBe('ESRI:102328');
    expect(unknownCode.reason).toMatch(/^The GeoPackage's definition defines ETRS_1989_UTM_Zone_32N_7stellen \(ESRI:102328\) with 7-digit eastings/);
    const broken = detectCrs({ prj: 'PROJCS[', epsg: { code: null, source: 'metadata', origin: 'GeoPackage' }, samples });
    expect(broken.source).toBe('guess');
    expect(broken.reason).toMatch(/^The GeoPackage's coordinate system definition cannot be used: it is not well-formed WKT/);
  });

  test('read as EPSG:25832 (the wrong choice) the same numbers land near 34° E, outside Germany', () => {
    const wrong = trial(samples, crsByCode(25832)!, false);
    expect(wrong.share).toBe(0);
    const [lon, lat] = transformPosition(...samples[0]!, crsByCode(25832)!);
    expect(lon).toBeGreaterThan(30);
    expect(lat).toBeGreaterThan(45);
  });
});

describe('PROJJSON', () => {
  const utm32 = {
    type: 'ProjectedCRS',
    name: 'ETRS89 / UTM zone 32N (7-digit)',
    base_crs: {
      name: 'ETRS89',
      datum: { type: 'GeodeticReferenceFrame', name: 'European Terrestrial Reference System 1989', ellipsoid: { name: 'GRS 1980', semi_major_axis: 6378137, inverse_flattening: 298.257222101 } },
      coordinate_system: { subtype: 'ellipsoidal', axis: [{ name: 'Geodetic latitude', direction: 'north', unit: 'degree' }, { name: 'Geodetic longitude', direction: 'east', unit: 'degree' }] },
    },
    conversion: {
      name: 'UTM zone 32N, 7-digit',
      method: { name: 'Transverse Mercator', id: { authority: 'EPSG', code: 9807 } },
      parameters: [
        { name: 'Latitude of natural origin', value: 0, unit: 'degree' },
        { name: 'Longitude of natural origin', value: 9, unit: 'degree' },
        { name: 'Scale factor at natural origin', value: 0.9996, unit: 'unity' },
        { name: 'False easting', value: 2500000, unit: 'metre' },
        { name: 'False northing', value: 0, unit: 'metre' },
      ],
    },
    coordinate_system: { subtype: 'Cartesian', axis: [{ name: 'Easting', direction: 'east', unit: 'metre' }, { name: 'Northing', direction: 'north', unit: 'metre' }] },
  };

  test('a projected system without an id is built from its parameters', () => {
    const r = readProjJson(utm32);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.reading.crs.key).toBe('ESRI:102328');
      withinOneMetre(r.reading.crs, REF.utm32x7, [LEIPZIG, KOELN]);
    }
  });

  test('a BoundCRS of DHDN / GK 4 with its Helmert shift', () => {
    const gk4 = {
      type: 'BoundCRS',
      source_crs: {
        ...utm32,
        name: 'DHDN / 3-degree Gauss-Kruger zone 4',
        base_crs: { name: 'DHDN', datum: { name: 'Deutsches Hauptdreiecksnetz', ellipsoid: { name: 'Bessel 1841', semi_major_axis: 6377397.155, inverse_flattening: 299.1528128 } } },
        conversion: {
          name: 'GK 4',
          method: { name: 'Transverse Mercator' },
          parameters: [
            { name: 'Longitude of natural origin', value: 12, unit: 'degree' },
            { name: 'Scale factor at natural origin', value: 1, unit: 'unity' },
            { name: 'False easting', value: 4500000, unit: 'metre' },
          ],
        },
      },
      target_crs: { type: 'GeographicCRS', name: 'WGS 84' },
      transformation: {
        name: 'DHDN to WGS 84 (2)',
        method: { name: 'Position Vector transformation (geog2D domain)' },
        parameters: [
          { name: 'X-axis translation', value: 598.1, unit: 'metre' },
          { name: 'Y-axis translation', value: 73.7, unit: 'metre' },
          { name: 'Z-axis translation', value: 418.2, unit: 'metre' },
          { name: 'X-axis rotation', value: 0.202, unit: { type: 'AngularUnit', name: 'arc-second', conversion_factor: 4.84813681109536e-6 } },
          { name: 'Y-axis rotation', value: 0.045, unit: { type: 'AngularUnit', name: 'arc-second', conversion_factor: 4.84813681109536e-6 } },
          { name: 'Z-axis rotation', value: -2.455, unit: { type: 'AngularUnit', name: 'arc-second', conversion_factor: 4.84813681109536e-6 } },
          { name: 'Scale difference', value: 6.7, unit: { type: 'ScaleUnit', name: 'parts per million', conversion_factor: 1e-6 } },
        ],
      },
    };
    const r = readProjJson(gk4);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.reading.crs.key).toBe('EPSG:31468');
      withinOneMetre(r.reading.crs, REF.gk4, [LEIPZIG]);
    }
  });

  test('refuses what is no map system, with a reason', () => {
    expect(readProjJson({ type: 'VerticalCRS', name: 'DHHN2016 height' })).toMatchObject({ ok: false, error: expect.stringMatching(/VerticalCRS, not a map coordinate system/) });
    expect(readProjJson({ ...utm32, conversion: { ...utm32.conversion, method: { name: 'Krovak' } } })).toMatchObject({ ok: false, error: expect.stringMatching(/"Krovak" is not supported/) });
    expect(readProjJson(42)).toMatchObject({ ok: false });
  });
});

test('parsePrj gives null for what readWkt refuses', () => {
  expect(parsePrj('PROJCS["x"]')).toBeNull();
  expect(readWkt('PROJCS["x"]')).toMatchObject({ ok: false, error: expect.stringMatching(/^cannot be used: /) });
  expect(readWkt(fixture('variants/qgis-utm32-7digit-towgs84.prj'))).toMatchObject({ ok: true });
});
