import { describe, expect, test } from 'vitest';
import proj4 from 'proj4';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { DHDN_TOWGS84, GERMANY_BBOX, KNOWN_CRS, crsByCode, insideGermanyOutline, type Crs } from '../../src/lib/io/import/crs/definitions';
import { crsFromGeoJson, crsFromName } from '../../src/lib/io/import/crs/names';
import { parsePrj, readWkt } from '../../src/lib/io/import/crs/wkt';
import { detectCrs as detectRaw } from '../../src/lib/io/import/crs/detect';
import { fromWgs84, sampleCoordinates, toWgs84, transformPosition } from '../../src/lib/io/import/crs/reproject';
import { guessCrs as guessRaw, type CrsDetection } from '../../src/lib/io/import/crs/guess';

/** A detection with codes in place of the systems (as the assertions below were written), and the keys. */
const byCode = (d: CrsDetection) => ({
  ...d,
  code: d.crs?.code ?? null,
  key: d.crs?.key ?? null,
  candidates: d.candidates.map((c) => c.code),
  candidateKeys: d.candidates.map((c) => c.key),
});
const guessCrs = (samples: readonly [number, number][]) => byCode(guessRaw(samples));
const detectCrs = (input: Parameters<typeof detectRaw>[0]) => byCode(detectRaw(input));

// Fixtures: written by scripts/fixtures-crs.mjs
const FIXTURES = fileURLToPath(new URL('../fixtures/crs/', import.meta.url));
const fixture = (name: string) => readFileSync(FIXTURES + name, 'utf8');

type EpsgCode = 4326 | 3857 | 25832 | 25833 | 31466 | 31467 | 31468 | 31469 | 3035 | 4647 | 5650 | 5677;
/** The known system with this code. */
const C = (code: number): Crs => {
  const crs = crsByCode(code);
  if (!crs) throw new Error(`EPSG:${code} is not known`);
  return crs;
};
/** What a .prj text gives: the EPSG code of a known system, the key of a known ESRI system, 'own' for a system built from its parameters, null when refused. */
const crsFromPrj = (wkt: string): number | string | null => {
  const crs = parsePrj(wkt);
  return crs === null ? null : crs.key.startsWith('WKT:') ? 'own' : (crs.code ?? crs.key);
};

const ALL_CODES: EpsgCode[] = [4326, 3857, 25832, 25833, 31466, 31467, 31468, 31469, 3035, 4647, 5650, 5677];

// Places (WGS84, rounded to about 10 m; any point near them would do)
const LEIPZIG_MARKT = [12.3747, 51.3406] as const;
const KOELN_DOM = [6.9583, 50.9413] as const;
const FRANKFURT_ROEMER = [8.6821, 50.1106] as const;
const GOERLITZ = [14.9866, 51.1555] as const;
const MUENCHEN = [11.5755, 48.1374] as const;
const SCHWERIN = [11.4148, 53.6355] as const;

// ---------------------------------------------------------------------------------------------------------
// An independent reference implementation (no proj4): Transverse Mercator (Krüger series), a 7-parameter
// Helmert transformation with its exact inverse, Lambert azimuthal equal-area (Snyder) and spherical Mercator.
// Each is first checked against the worked examples of IOGP Guidance Note 7-2 (EPSG), then used to check the
// proj4 definitions of crs/definitions.ts.

interface Ellipsoid {
  a: number;
  f: number;
}
const GRS80: Ellipsoid = { a: 6378137, f: 1 / 298.257222101 };
const WGS84: Ellipsoid = { a: 6378137, f: 1 / 298.257223563 };
const BESSEL: Ellipsoid = { a: 6377397.155, f: 1 / 299.1528128 };
const AIRY: Ellipsoid = { a: 6377563.396, f: 1 / 299.3249646 };
const RAD = Math.PI / 180;

/** Transverse Mercator by the Krüger series to n³ (sub-millimetre within a few degrees of the central meridian). */
function tmForward(
  lon: number,
  lat: number,
  ell: Ellipsoid,
  p: { lon0: number; lat0?: number; k0: number; fe: number; fn?: number },
): [number, number] {
  const n = ell.f / (2 - ell.f);
  const A = (ell.a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [0, n / 2 - (2 * n ** 2) / 3 + (5 * n ** 3) / 16, (13 * n ** 2) / 48 - (3 * n ** 3) / 5, (61 * n ** 3) / 240];
  const e = (2 * Math.sqrt(n)) / (1 + n);
  const series = (phiDeg: number, dlDeg: number): [number, number] => {
    const phi = phiDeg * RAD;
    const dl = dlDeg * RAD;
    const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
    const xi = Math.atan2(t, Math.cos(dl));
    const eta = Math.atanh(Math.sin(dl) / Math.sqrt(1 + t * t));
    let x = eta;
    let y = xi;
    for (let j = 1; j <= 3; j++) {
      x += alpha[j] * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
      y += alpha[j] * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
    }
    return [x, y];
  };
  const [x, y] = series(lat, lon - p.lon0);
  const y0 = series(p.lat0 ?? 0, 0)[1];
  return [p.fe + p.k0 * A * x, (p.fn ?? 0) + p.k0 * A * (y - y0)];
}

function toEcef(lon: number, lat: number, ell: Ellipsoid, h = 0): [number, number, number] {
  const e2 = ell.f * (2 - ell.f);
  const phi = lat * RAD;
  const lam = lon * RAD;
  const N = ell.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  return [
    (N + h) * Math.cos(phi) * Math.cos(lam),
    (N + h) * Math.cos(phi) * Math.sin(lam),
    (N * (1 - e2) + h) * Math.sin(phi),
  ];
}

function fromEcef([X, Y, Z]: readonly number[], ell: Ellipsoid): [number, number] {
  const e2 = ell.f * (2 - ell.f);
  const p = Math.hypot(X, Y);
  let phi = Math.atan2(Z, p * (1 - e2));
  for (let i = 0; i < 10; i++) {
    const N = ell.a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
    const h = p / Math.cos(phi) - N;
    phi = Math.atan2(Z, p * (1 - (e2 * N) / (N + h)));
  }
  return [Math.atan2(Y, X) / RAD, phi / RAD];
}

type Helmert = readonly [number, number, number, number, number, number, number]; // m, m, m, ″, ″, ″, ppm

/** Position-vector Helmert: X' = T + (1 + s) R X (the convention of proj4's +towgs84). */
function helmertMatrix(h: Helmert): { T: number[]; M: number[][] } {
  const sec = RAD / 3600;
  const [rx, ry, rz] = [h[3] * sec, h[4] * sec, h[5] * sec];
  const m = 1 + h[6] * 1e-6;
  return {
    T: [h[0], h[1], h[2]],
    M: [
      [m, -m * rz, m * ry],
      [m * rz, m, -m * rx],
      [-m * ry, m * rx, m],
    ],
  };
}
function helmertForward(x: readonly number[], h: Helmert): number[] {
  const { T, M } = helmertMatrix(h);
  return M.map((row, i) => T[i] + row[0] * x[0] + row[1] * x[1] + row[2] * x[2]);
}
/** The exact inverse (solves the 3×3 system by Cramer's rule; proj4 uses a first-order approximation). */
function helmertInverse(x: readonly number[], h: Helmert): number[] {
  const { T, M } = helmertMatrix(h);
  const b = x.map((v, i) => v - T[i]);
  const det = (m: number[][]) =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const d = det(M);
  return [0, 1, 2].map((col) => det(M.map((row, i) => row.map((v, j) => (j === col ? b[i] : v)))) / d);
}

/** Lambert azimuthal equal-area, ellipsoidal (Snyder 1987, eqs. 24-16 ff.). */
function laeaForward(lon: number, lat: number, ell: Ellipsoid, lon0: number, lat0: number, fe: number, fn: number) {
  const e2 = ell.f * (2 - ell.f);
  const e = Math.sqrt(e2);
  const q = (phi: number) =>
    (1 - e2) *
    (Math.sin(phi) / (1 - e2 * Math.sin(phi) ** 2) - (1 / (2 * e)) * Math.log((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))));
  const qp = q(Math.PI / 2);
  const phi1 = lat0 * RAD;
  const beta = Math.asin(q(lat * RAD) / qp);
  const beta1 = Math.asin(q(phi1) / qp);
  const Rq = ell.a * Math.sqrt(qp / 2);
  const D = (ell.a * Math.cos(phi1)) / Math.sqrt(1 - e2 * Math.sin(phi1) ** 2) / (Rq * Math.cos(beta1));
  const dl = (lon - lon0) * RAD;
  const B = Rq * Math.sqrt(2 / (1 + Math.sin(beta1) * Math.sin(beta) + Math.cos(beta1) * Math.cos(beta) * Math.cos(dl)));
  return [
    fe + B * D * Math.cos(beta) * Math.sin(dl),
    fn + (B / D) * (Math.cos(beta1) * Math.sin(beta) - Math.sin(beta1) * Math.cos(beta) * Math.cos(dl)),
  ];
}

function webMercatorForward(lon: number, lat: number): [number, number] {
  const R = 6378137;
  return [R * lon * RAD, R * Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2))];
}

/** x, y of a WGS84 point in `code`, computed without proj4. */
function reference(code: EpsgCode, lon: number, lat: number): [number, number] {
  switch (code) {
    case 4326:
      return [lon, lat];
    case 3857:
      return webMercatorForward(lon, lat);
    case 3035:
      return laeaForward(lon, lat, GRS80, 10, 52, 4_321_000, 3_210_000) as [number, number];
    case 25832:
      return tmForward(lon, lat, GRS80, { lon0: 9, k0: 0.9996, fe: 500_000 });
    case 25833:
      return tmForward(lon, lat, GRS80, { lon0: 15, k0: 0.9996, fe: 500_000 });
    case 4647:
      return tmForward(lon, lat, GRS80, { lon0: 9, k0: 0.9996, fe: 32_500_000 });
    case 5650:
      return tmForward(lon, lat, GRS80, { lon0: 15, k0: 0.9996, fe: 33_500_000 });
    default: {
      // DHDN: WGS84 (h = 0) → geocentric → inverse Helmert → Bessel → Gauss-Krüger
      const zone = code === 5677 ? 3 : code - 31464;
      const [dlon, dlat] = fromEcef(helmertInverse(toEcef(lon, lat, WGS84), DHDN_TOWGS84), BESSEL);
      return tmForward(dlon, dlat, BESSEL, { lon0: zone * 3, k0: 1, fe: zone * 1_000_000 + 500_000 });
    }
  }
}

const dms = (d: number, m: number, s: number) => Math.sign(d || 1) * (Math.abs(d) + m / 60 + s / 3600);

describe('reference implementation (IOGP Guidance Note 7-2 worked examples)', () => {
  test('Transverse Mercator: British National Grid, 50°30′N 0°30′E → E 577 274.99, N 69 740.50', () => {
    const [e, n] = tmForward(0.5, 50.5, AIRY, { lon0: -2, lat0: 49, k0: 0.9996012717, fe: 400_000, fn: -100_000 });
    expect(e).toBeCloseTo(577_274.99, 1);
    expect(n).toBeCloseTo(69_740.5, 1);
  });

  test('Helmert position vector: WGS 72 → WGS 84 (tz 4.5 m, rz 0.554″, 0.219 ppm)', () => {
    const h: Helmert = [0, 0, 4.5, 0, 0, 0.554, 0.219];
    const out = helmertForward([3_657_660.66, 255_768.55, 5_201_382.11], h);
    expect(out[0]).toBeCloseTo(3_657_660.78, 1);
    expect(out[1]).toBeCloseTo(255_778.43, 1);
    expect(out[2]).toBeCloseTo(5_201_387.75, 1);
    const back = helmertInverse(out, h);
    expect(back[0]).toBeCloseTo(3_657_660.66, 6);
    expect(back[1]).toBeCloseTo(255_768.55, 6);
    expect(back[2]).toBeCloseTo(5_201_382.11, 6);
  });

  test('Lambert azimuthal equal-area: ETRS89-LAEA, 50°N 5°E → E 3 962 799.45, N 2 999 718.85', () => {
    const [e, n] = laeaForward(5, 50, GRS80, 10, 52, 4_321_000, 3_210_000);
    expect(e).toBeCloseTo(3_962_799.45, 1);
    expect(n).toBeCloseTo(2_999_718.85, 1);
  });

  test('Popular Visualisation Pseudo Mercator: 24°22′54.433″N 100°20′W → E −11 169 055.58, N 2 800 000.00', () => {
    const [e, n] = webMercatorForward(-dms(100, 20, 0), dms(24, 22, 54.433));
    expect(e).toBeCloseTo(-11_169_055.58, 1);
    expect(n).toBeCloseTo(2_800_000, 1);
  });

  test('geocentric round trip on Bessel', () => {
    const [lon, lat] = fromEcef(toEcef(12.3747, 51.3406, BESSEL), BESSEL);
    expect(lon).toBeCloseTo(12.3747, 10);
    expect(lat).toBeCloseTo(51.3406, 10);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('KNOWN_CRS', () => {
  test('has each required code once, with a name and a proj4 definition, and the two ESRI 7-digit UTM systems', () => {
    const codes = KNOWN_CRS.map((c) => c.code).filter((c): c is number => c !== null);
    expect(codes.sort((a, b) => a - b)).toEqual([...ALL_CODES].sort((a, b) => a - b));
    expect(KNOWN_CRS.filter((c) => c.code === null).map((c) => c.key)).toEqual(['ESRI:102328', 'ESRI:102359']);
    expect(new Set(KNOWN_CRS.map((c) => c.key)).size).toBe(KNOWN_CRS.length);
    for (const c of KNOWN_CRS) {
      if (c.code !== null) expect(crsByCode(c.code)).toBe(c);
      expect(c.name.length).toBeGreaterThan(3);
      expect(c.proj4).toMatch(/^\+proj=/);
    }
    expect(crsByCode(2154)).toBeNull();
    expect(crsByCode(4258)).toBe(C(4326));
  });

  test('defines the datums and zones as EPSG does', () => {
    const def = (code: EpsgCode) => C(code).proj4;
    for (const [code, lon0, x0] of [
      [31466, 6, 2_500_000],
      [31467, 9, 3_500_000],
      [31468, 12, 4_500_000],
      [31469, 15, 5_500_000],
      [5677, 9, 3_500_000],
    ] as const) {
      expect(def(code)).toContain(`+lon_0=${lon0} `);
      expect(def(code)).toContain(`+x_0=${x0} `);
      expect(def(code)).toContain('+k=1 ');
      expect(def(code)).toContain('+ellps=bessel');
      expect(def(code)).toContain('+towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7');
    }
    expect(def(5677)).toBe(def(31467));
    expect(def(4647)).toMatch(/\+lon_0=9 .*\+k=0\.9996 .*\+x_0=32500000 .*\+ellps=GRS80/);
    expect(def(5650)).toMatch(/\+lon_0=15 .*\+k=0\.9996 .*\+x_0=33500000 .*\+ellps=GRS80/);
    expect(C(5677).name).toBe('DHDN / 3-degree Gauss-Kruger zone 3 (E-N)');
  });
});

describe('projections against known values', () => {
  test('definition origins: exact by definition', () => {
    const close = (code: EpsgCode, lon: number, lat: number, x: number, y: number) => {
      const [px, py] = fromWgs84(lon, lat, C(code));
      expect(px).toBeCloseTo(x, 3);
      expect(py).toBeCloseTo(y, 3);
    };
    close(25832, 9, 0, 500_000, 0);
    close(4647, 9, 0, 32_500_000, 0);
    close(25833, 15, 0, 500_000, 0);
    close(5650, 15, 0, 33_500_000, 0);
    close(3035, 10, 52, 4_321_000, 3_210_000);
    close(3857, 0, 0, 0, 0);
    close(3857, 180, 0, 20_037_508.342789244, 0);
  });

  test('Leipzig Markt: ETRS89 / UTM 33N (E 317 150, N 5 690 974) and zE-N', () => {
    const [e, n] = fromWgs84(...LEIPZIG_MARKT, C(25833));
    expect(e).toBeGreaterThan(317_000);
    expect(e).toBeLessThan(318_000);
    expect(n).toBeGreaterThan(5_690_000);
    expect(n).toBeLessThan(5_691_000);
    const [re, rn] = reference(25833, ...LEIPZIG_MARKT);
    expect(e).toBeCloseTo(re, 2);
    expect(n).toBeCloseTo(rn, 2);
    // by hand: E ≈ 500 000 − k0·N·cosφ·Δλ·(1 + Δλ²cos²φ(1 − t² + η²)/6) ≈ 317 150 (Δλ = −2.6253°)
    expect(Math.abs(e - 317_150)).toBeLessThan(5);
    const [ze, zn] = fromWgs84(...LEIPZIG_MARKT, C(5650));
    expect(ze - e).toBeCloseTo(33_000_000, 3);
    expect(zn).toBeCloseTo(n, 3);
  });

  test('Leipzig Markt: DHDN / Gauss-Krüger zone 4 (R 4 526 2xx, H 5 689 6xx) with the Helmert shift', () => {
    const [r, h] = fromWgs84(...LEIPZIG_MARKT, C(31468));
    expect(r).toBeGreaterThan(4_526_000);
    expect(r).toBeLessThan(4_527_000);
    expect(h).toBeGreaterThan(5_689_000);
    expect(h).toBeLessThan(5_690_000);
    const [rr, rh] = reference(31468, ...LEIPZIG_MARKT);
    expect(Math.abs(r - rr)).toBeLessThan(0.02);
    expect(Math.abs(h - rh)).toBeLessThan(0.02);
    // without the datum shift the result would be off by well over 100 m: the shift is really applied
    const [nr, nh] = tmForward(...LEIPZIG_MARKT, BESSEL, { lon0: 12, k0: 1, fe: 4_500_000 });
    expect(Math.hypot(r - nr, h - nh)).toBeGreaterThan(100);
    expect(Math.hypot(r - nr, h - nh)).toBeLessThan(250);
  });

  test('Köln Dom: UTM 32N (E 356 5xx, N 5 645 2xx), zE-N, Gauss-Krüger zones 2 and 3', () => {
    const [e, n] = fromWgs84(...KOELN_DOM, C(25832));
    expect(e).toBeGreaterThan(356_000);
    expect(e).toBeLessThan(357_000);
    expect(n).toBeGreaterThan(5_645_000);
    expect(n).toBeLessThan(5_646_000);
    for (const code of [25832, 4647, 31466, 31467] as const) {
      const [x, y] = fromWgs84(...KOELN_DOM, C(code));
      const [rx, ry] = reference(code, ...KOELN_DOM);
      expect(Math.abs(x - rx), `x in EPSG:${code}`).toBeLessThan(0.02);
      expect(Math.abs(y - ry), `y in EPSG:${code}`).toBeLessThan(0.02);
    }
    // zone 2 (central meridian 6°E) and zone 3 (9°E): Köln is 0.96° east of one and 2.04° west of the other
    const [r2] = fromWgs84(...KOELN_DOM, C(31466));
    const [r3] = fromWgs84(...KOELN_DOM, C(31467));
    expect(Math.floor(r2 / 1e5)).toBe(25); // R 2 56x xxx
    expect(Math.floor(r3 / 1e5)).toBe(33); // R 3 35x xxx
  });

  test('every code agrees with the reference implementation across Germany', () => {
    const points: [number, number][] = [LEIPZIG_MARKT, KOELN_DOM, FRANKFURT_ROEMER, GOERLITZ, MUENCHEN, SCHWERIN].map(
      ([lon, lat]) => [lon, lat],
    );
    for (const code of ALL_CODES) {
      for (const [lon, lat] of points) {
        const [x, y] = fromWgs84(lon, lat, C(code));
        const [rx, ry] = reference(code, lon, lat);
        const tol = code === 4326 ? 1e-12 : 0.03; // metres (proj4's approximate inverse Helmert: a few mm)
        expect(Math.abs(x - rx), `x of ${lon},${lat} in EPSG:${code}`).toBeLessThan(tol);
        expect(Math.abs(y - ry), `y of ${lon},${lat} in EPSG:${code}`).toBeLessThan(tol);
      }
    }
  });

  test('round trips within 1e-6° for every code', () => {
    for (const code of ALL_CODES) {
      for (let lon = 6; lon <= 15; lon += 1.5) {
        for (let lat = 47.5; lat <= 55; lat += 1.5) {
          const [x, y] = fromWgs84(lon, lat, C(code));
          const [blon, blat] = transformPosition(x, y, C(code));
          expect(Math.abs(blon - lon), `lon of ${lon},${lat} via EPSG:${code}`).toBeLessThan(1e-6);
          expect(Math.abs(blat - lat), `lat of ${lon},${lat} via EPSG:${code}`).toBeLessThan(1e-6);
        }
      }
    }
  });

  test('transformPosition: swapped axes, 7-digit UTM, garbage', () => {
    const [e, n] = fromWgs84(...KOELN_DOM, C(25832));
    const [lon, lat] = transformPosition(n, e, C(25832), { swapAxes: true });
    expect(lon).toBeCloseTo(KOELN_DOM[0], 7);
    expect(lat).toBeCloseTo(KOELN_DOM[1], 7);
    const [lon7, lat7] = transformPosition(e + 2_000_000, n, crsByKeyOrThrow('ESRI:102328'));
    expect(lon7).toBeCloseTo(KOELN_DOM[0], 7);
    expect(lat7).toBeCloseTo(KOELN_DOM[1], 7);
    expect(transformPosition(51.3406, 12.3747, C(4326), { swapAxes: true })).toEqual([12.3747, 51.3406]);
    expect(transformPosition(NaN, 1, C(25832)).every(Number.isNaN)).toBe(true);
    expect(transformPosition(Infinity, 1, C(3035)).every(Number.isNaN)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------

/** Every .prj fixture and the code (and easting offset) it must give. */
const PRJ_EXPECTED: Record<string, { code: number | string | null }> = {
  '4326.ogc.prj': { code: 4326 },
  '4326.esri.prj': { code: 4326 },
  '3857.ogc.prj': { code: 3857 },
  '3857.esri.prj': { code: 3857 },
  '3857.wkt2.prj': { code: 3857 },
  '25832.ogc.prj': { code: 25832 },
  '25832.esri.prj': { code: 25832 },
  '25832.wkt2.prj': { code: 25832 },
  '25833.ogc.prj': { code: 25833 },
  '25833.esri.prj': { code: 25833 },
  '4647.ogc.prj': { code: 4647 },
  '4647.esri.prj': { code: 4647 },
  '4647.wkt2.prj': { code: 4647 },
  '5650.ogc.prj': { code: 5650 },
  '5650.esri.prj': { code: 5650 },
  '31466.ogc.prj': { code: 31466 },
  '31466.esri.prj': { code: 31466 },
  '31467.ogc.prj': { code: 31467 },
  '31467.esri.prj': { code: 31467 },
  '31468.ogc.prj': { code: 31468 },
  '31468.esri.prj': { code: 31468 },
  '31468-pretty.ogc.prj': { code: 31468 },
  '31469.ogc.prj': { code: 31469 },
  '31469.esri.prj': { code: 31469 },
  '5677.ogc.prj': { code: 5677 },
  '5677.wkt2.prj': { code: 5677 },
  // ESRI WKT has no axis order: ArcGIS writes 5677 like 31467 (identical transformation)
  '5677.esri.prj': { code: 31467 },
  '3035.ogc.prj': { code: 3035 },
  '3035.esri.prj': { code: 3035 },
  '3035.wkt2.prj': { code: 3035 },
  '25832-7stellen.esri.prj': { code: 'ESRI:102328' },
  '25833-7stellen.esri.prj': { code: 'ESRI:102359' },
  'wgs84-utm32n.esri.prj': { code: 25832 },
  'etrs89-geographic.esri.prj': { code: 4326 },
  // systems outside the list: built from their parameters (their transformations are checked below)
  'unknown-lambert93.ogc.prj': { code: 'own' },
  'unknown-pulkovo-gk4.ogc.prj': { code: 'own' },
  'unknown-wgs84-utm31n.esri.prj': { code: 'own' },
  'unknown-dhdn-geographic.ogc.prj': { code: 'own' },
  'unknown-garbage.prj': { code: null },
};

/** Removes the CRS's own AUTHORITY/ID (the last node), so that only datum and parameters are left. */
const withoutOwnAuthority = (wkt: string) => wkt.replace(/,\s*(AUTHORITY|ID)\[[^[\]]*\]\s*\]\s*$/, ']');

const crsByKeyOrThrow = (key: string): Crs => {
  const crs = KNOWN_CRS.find((c) => c.key === key);
  if (!crs) throw new Error(`${key} is not known`);
  return crs;
};

describe('crsFromPrj / parsePrj', () => {
  test('every fixture is covered, and every code has an OGC and an ESRI fixture', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.prj'));
    expect(files.sort()).toEqual(Object.keys(PRJ_EXPECTED).sort());
    for (const code of ALL_CODES) {
      expect(files, `EPSG:${code}`).toContain(`${code}.ogc.prj`);
      expect(files, `EPSG:${code}`).toContain(`${code}.esri.prj`);
    }
  });

  test.each(Object.entries(PRJ_EXPECTED))('%s', (file, expected) => {
    const wkt = fixture(file);
    expect(crsFromPrj(wkt)).toBe(expected.code);
    const match = parsePrj(wkt);
    if (typeof expected.code === 'number') expect(match).toBe(C(expected.code));
    if (expected.code === null) expect(readWkt(wkt)).toMatchObject({ ok: false, error: expect.stringMatching(/well-formed/) });
  });

  test.each(Object.entries(PRJ_EXPECTED).filter(([f]) => /\.(ogc|wkt2)\.prj$/.test(f)))(
    '%s without its AUTHORITY/ID: recognised from datum and parameters',
    (file, expected) => {
      const stripped = withoutOwnAuthority(fixture(file));
      expect(stripped).not.toBe(fixture(file));
      expect(crsFromPrj(stripped)).toBe(expected.code);
    },
  );

  test('an unsupported EPSG code with supported parameters is recognised by its parameters', () => {
    // ETRS89 / UTM zone 32N (N-E) and DHDN / 3-degree Gauss-Kruger zone 2 (E-N): axis-order variants
    const utmNE = fixture('25832.ogc.prj').replace('AUTHORITY["EPSG","25832"]]', 'AUTHORITY["EPSG","3044"]]');
    expect(crsFromPrj(utmNE)).toBe(25832);
    const gk2EN = fixture('31466.ogc.prj').replace('AUTHORITY["EPSG","31466"]]', 'AUTHORITY["EPSG","5676"]]');
    expect(crsFromPrj(gk2EN)).toBe(31466);
  });

  test('other spellings: BOM and whitespace, COMPD_CS, numeric authority, ESRI sphere Web Mercator', () => {
    expect(crsFromPrj(`\uFEFF  ${fixture('25833.esri.prj')}\r\n`)).toBe(25833);
    const compound =
      `COMPD_CS["ETRS89 / UTM zone 32N + DHHN2016 height",${fixture('25832.ogc.prj')},` +
      'VERT_CS["DHHN2016 height",VERT_DATUM["Deutsches Haupthoehennetz 2016",2005,AUTHORITY["EPSG","1170"]],' +
      'UNIT["metre",1],AXIS["Gravity-related height",UP],AUTHORITY["EPSG","7837"]],AUTHORITY["EPSG","9999999"]]';
    expect(crsFromPrj(compound)).toBe(25832);
    expect(crsFromPrj(fixture('3857.esri.prj').replace(/\]$/, ',AUTHORITY["EPSG",3857]]'))).toBe(3857);
    const oldEsriWebMercator =
      'PROJCS["WGS_1984_Web_Mercator",GEOGCS["GCS_WGS_1984_Major_Auxiliary_Sphere",DATUM["D_WGS_1984_Major_Auxiliary_Sphere",' +
      'SPHEROID["WGS_1984_Major_Auxiliary_Sphere",6378137.0,0.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
      'PROJECTION["Mercator_1SP"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],' +
      'PARAMETER["Central_Meridian",0.0],PARAMETER["Scale_Factor",1.0],UNIT["Meter",1.0]]';
    expect(crsFromPrj(oldEsriWebMercator)).toBe(3857);
    // lower-case keywords and parentheses are valid WKT
    expect(crsFromPrj(fixture('31469.esri.prj').toLowerCase().replace(/\[/g, '(').replace(/\]/g, ')'))).toBe(31469);
  });

  test('near misses are systems of their own, never the known code they resemble; junk gives null', () => {
    const esri32 = fixture('25832.esri.prj');
    // WGS 84 / World Mercator (3395) is not Web Mercator
    const worldMercator =
      `PROJCS["WGS 84 / World Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]],` +
      'PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],' +
      'PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1]]';
    expect(crsFromPrj(worldMercator)).toBe('own');
    expect(crsFromPrj(esri32.replace('"Central_Meridian",9.0', '"Central_Meridian",10.0'))).toBe('own');
    expect(crsFromPrj(esri32.replace('"Scale_Factor",0.9996', '"Scale_Factor",1.0'))).toBe('own');
    expect(crsFromPrj(esri32.replace('"False_Northing",0.0', '"False_Northing",10000000.0'))).toBe('own');
    expect(crsFromPrj(esri32.replace('UNIT["Meter",1.0]', 'UNIT["Foot_US",0.3048006096012192]'))).toBe('own');
    // Gauss-Krüger parameters on the ETRS89 datum, UTM parameters on DHDN
    const etrsDatum = 'DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]]';
    const dhdnDatum = 'DATUM["D_Deutsches_Hauptdreiecksnetz",SPHEROID["Bessel_1841",6377397.155,299.1528128]]';
    const gk4 = fixture('31468.esri.prj');
    expect(crsFromPrj(gk4.replace(/GEOGCS\[.*?\]\],PRIMEM/, `GEOGCS["GCS_ETRS_1989",${etrsDatum},PRIMEM`))).toBe('own');
    expect(crsFromPrj(esri32.replace(/GEOGCS\[.*?\]\],PRIMEM/, `GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",${dhdnDatum},PRIMEM`))).toBe('own');
    // ... while the unmodified datums are recognised (the replacements above do match)
    expect(crsFromPrj(gk4.replace(/GEOGCS\[.*?\]\],PRIMEM/, `GEOGCS["GCS_Deutsches_Hauptdreiecksnetz",${dhdnDatum},PRIMEM`))).toBe(31468);
    const junks = [
      '',
      '   ',
      'PROJCS[',
      'PROJCS["x"]]',
      '{"type":"name"}',
      'LOCAL_CS["Anything"]',
      'GEOCCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]]',
    ];
    for (const junk of junks) {
      expect(crsFromPrj(junk), junk).toBeNull();
    }
    expect(crsFromPrj('['.repeat(10_000))).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('crsFromGeoJson / crsFromName', () => {
  const geoCode = (v: unknown) => crsFromGeoJson(v)?.code ?? null;
  const nameCode = (v: string) => crsFromName(v)?.code ?? null;
  const named = (name: string) => ({ type: 'FeatureCollection', features: [], crs: { type: 'name', properties: { name } } });

  test('the three common spellings', () => {
    expect(geoCode(named('EPSG:25832'))).toBe(25832);
    expect(geoCode(named('urn:ogc:def:crs:EPSG::25832'))).toBe(25832);
    expect(geoCode(named('urn:ogc:def:crs:OGC:1.3:CRS84'))).toBe(4326);
  });

  test('other spellings and aliases', () => {
    expect(geoCode(named('urn:ogc:def:crs:EPSG:6.6:31468'))).toBe(31468);
    expect(geoCode(named('http://www.opengis.net/def/crs/EPSG/0/3035'))).toBe(3035);
    expect(geoCode(named('epsg:5677'))).toBe(5677);
    expect(geoCode(named('EPSG:4258'))).toBe(4326); // ETRS89 lon/lat
    expect(geoCode(named('EPSG:900913'))).toBe(3857);
    expect(geoCode({ type: 'FeatureCollection', crs: { type: 'EPSG', properties: { code: 4647 } } })).toBe(4647);
    expect(nameCode('CRS84')).toBe(4326);
    expect(nameCode(' urn:ogc:def:crs:EPSG::5650 ')).toBe(5650);
  });

  test('missing, unsupported or malformed crs members give null', () => {
    expect(geoCode({ type: 'FeatureCollection', features: [] })).toBeNull();
    expect(geoCode(named('EPSG:2154'))).toBeNull();
    expect(geoCode(named('urn:ogc:def:crs:EPSG::25832x'))).toBeNull();
    expect(geoCode({ crs: { type: 'link', properties: { href: 'http://example.com/crs', type: 'proj4' } } })).toBeNull();
    expect(geoCode({ crs: 'EPSG:25832' })).toBeNull();
    for (const v of [null, undefined, 42, 'EPSG:25832', []]) expect(geoCode(v)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------

/** A few points around a place, in `code`, as [x, y] (or [y, x] when swapped). */
function samplesAround(place: readonly [number, number], code: EpsgCode, swapped = false): [number, number][] {
  const out: [number, number][] = [];
  for (const dx of [-0.05, 0, 0.05]) {
    for (const dy of [-0.03, 0, 0.03]) {
      const [x, y] = fromWgs84(place[0] + dx, place[1] + dy, C(code));
      out.push(swapped ? [y, x] : [x, y]);
    }
  }
  return out;
}

describe('guessCrs', () => {
  test.each([
    ['WGS84 lon/lat', 4326, LEIPZIG_MARKT],
    ['UTM 32N (east of 9°E: zone 33 would put it in Poland)', 25832, MUENCHEN],
    ['UTM 33N (Schwerin: zone 32 would put it west of 5.5°E)', 25833, SCHWERIN],
    ['UTM 32N zE-N', 4647, KOELN_DOM],
    ['UTM 33N zE-N', 5650, LEIPZIG_MARKT],
    ['Gauss-Krüger zone 2', 31466, KOELN_DOM],
    ['Gauss-Krüger zone 3', 31467, FRANKFURT_ROEMER],
    ['Gauss-Krüger zone 4', 31468, LEIPZIG_MARKT],
    ['Gauss-Krüger zone 5', 31469, GOERLITZ],
    ['LAEA Europe', 3035, LEIPZIG_MARKT],
    ['Web Mercator', 3857, MUENCHEN],
  ] as const)('%s → EPSG:%s', (_label, code, place) => {
    const g = guessCrs(samplesAround(place, code));
    expect(g).toMatchObject({ code, source: 'guess', confidence: 'likely', candidates: [code], swappedAxes: false });
    expect(g.key).toBe(`EPSG:${code}`);
    expect(g.reason).toContain(`EPSG:${code}`);
  });

  test('Gauss-Krüger zone from the leading digit of the 7-digit easting', () => {
    for (const [place, code] of [
      [KOELN_DOM, 31466],
      [FRANKFURT_ROEMER, 31467],
      [LEIPZIG_MARKT, 31468],
      [GOERLITZ, 31469],
    ] as const) {
      const xy = fromWgs84(place[0], place[1], C(code));
      expect(Math.floor(xy[0] / 1e6)).toBe(code - 31464);
      expect(guessCrs([xy]).code).toBe(code);
    }
  });

  test('swapped latitude/longitude', () => {
    const g = guessCrs(samplesAround(LEIPZIG_MARKT, 4326, true));
    expect(g).toMatchObject({ code: 4326, confidence: 'likely', swappedAxes: true });
    expect(g.reason).toMatch(/latitude first/);
  });

  test('projected coordinates stored northing first', () => {
    expect(guessCrs(samplesAround(LEIPZIG_MARKT, 31468, true))).toMatchObject({ code: 31468, swappedAxes: true });
    expect(guessCrs(samplesAround(MUENCHEN, 25832, true))).toMatchObject({ code: 25832, swappedAxes: true });
  });

  test('UTM 32/33: a point at 12°E in zone 33 also reads as 6°E in zone 32 — ambiguous, zone 33 ranked first', () => {
    const xy = fromWgs84(12, 51.34, C(25833));
    expect(xy[0]).toBeGreaterThan(290_000);
    expect(xy[0]).toBeLessThan(293_000);
    // the same easting in zone 32 is 6°E: inside the bounding box, but in the Netherlands
    const as32 = transformPosition(...xy, C(25832));
    expect(as32[0]).toBeCloseTo(6, 1);
    expect(insideGermanyOutline(...as32)).toBe(false);
    const g = guessCrs([xy]);
    expect(g).toMatchObject({ code: 25833, confidence: 'ambiguous', candidates: [25833, 25832], swappedAxes: false });
    expect(g.reason).toContain('EPSG:25832');
  });

  test('UTM 32/33: both readings inside Germany — ambiguous, zone 32 (used by 12 of 16 Länder) first', () => {
    // Köln in zone 32 reads as a point near Chemnitz in zone 33
    const g = guessCrs(samplesAround(KOELN_DOM, 25832));
    expect(g).toMatchObject({ code: 25832, confidence: 'ambiguous', candidates: [25832, 25833] });
    // ... and Leipzig in zone 33 as a point near Krefeld in zone 32: both are listed, the user decides
    const l = guessCrs(samplesAround(LEIPZIG_MARKT, 25833));
    expect(l.confidence).toBe('ambiguous');
    expect([...l.candidates].sort()).toEqual([25832, 25833]);
  });

  test('a dataset spanning both readings is decided by the share inside the bounding box', () => {
    // Leipzig and Schwerin in zone 33: as zone 32 Schwerin falls west of 5.5°E
    const g = guessCrs([...samplesAround(LEIPZIG_MARKT, 25833), ...samplesAround(SCHWERIN, 25833)]);
    expect(g).toMatchObject({ code: 25833, confidence: 'likely', candidates: [25833] });
  });

  test('nonsense gives unknown', () => {
    for (const samples of [
      [],
      [[NaN, NaN]],
      [
        [1, 2],
        [3, 4],
      ],
      [[1e12, -1e12]],
      [[-500_000, 100]],
      // half lon/lat, half UTM: no single CRS fits 90 %
      [...samplesAround(LEIPZIG_MARKT, 4326), ...samplesAround(MUENCHEN, 25832)],
    ] as [number, number][][]) {
      const g = guessCrs(samples);
      expect(g).toMatchObject({ code: null, confidence: 'unknown', candidates: [], source: 'guess' });
      expect(g.reason.length).toBeGreaterThan(10);
    }
  });

  test('many samples and a few outliers', () => {
    const many: [number, number][] = [];
    for (let i = 0; i < 5000; i++) many.push(fromWgs84(8 + (i % 50) * 0.05, 49 + Math.floor(i / 50) * 0.04, C(31467)));
    many.push([0, 0], [NaN, 1], [1e9, 1e9]);
    const g = guessCrs(many);
    expect(g.code).toBe(31467);
    expect(g.confidence).toBe('likely');
  });
});

describe('GERMANY_OUTLINE', () => {
  test('cities inside and outside', () => {
    // the places above, Berlin, Hamburg, Flensburg, Freiburg, Passau
    const inside = [LEIPZIG_MARKT, KOELN_DOM, FRANKFURT_ROEMER, GOERLITZ, MUENCHEN, SCHWERIN] as [number, number][];
    inside.push([13.4, 52.52], [9.99, 53.55], [9.43, 54.78], [7.85, 47.99], [13.46, 48.57]);
    for (const [lon, lat] of inside) {
      expect(insideGermanyOutline(lon, lat), `${lon},${lat}`).toBe(true);
    }
    // Amsterdam, Prague, Vienna, Strasbourg, Zürich, Copenhagen, Szczecin, Luxembourg, Innsbruck, Pilsen, Liberec
    const outside: [number, number][] = [
      [4.9, 52.37],
      [14.42, 50.08],
      [16.37, 48.2],
      [7.75, 48.58],
      [8.54, 47.37],
      [12.57, 55.68],
      [14.55, 53.43],
      [6.13, 49.61],
      [11.4, 47.26],
      [13.38, 49.74],
      [15.06, 50.77],
    ];
    for (const [lon, lat] of outside) {
      expect(insideGermanyOutline(lon, lat), `${lon},${lat}`).toBe(false);
    }
  });

  test('lies inside GERMANY_BBOX', () => {
    expect(GERMANY_BBOX).toEqual({ west: 5.5, south: 47, east: 15.5, north: 55.5 });
  });
});

// ---------------------------------------------------------------------------------------------------------

const polygonAround = (lon: number, lat: number, d: number): Position[][] => [
  [
    [lon - d, lat - d],
    [lon + d, lat - d],
    [lon + d, lat + d],
    [lon - d, lat + d],
    [lon - d, lat - d],
  ],
];

/** A FeatureCollection around Leipzig Markt in WGS84 (Point, Polygon with a hole, MultiPolygon and friends). */
function wgs84Collection(): FeatureCollection<Geometry | null> {
  const [lon, lat] = LEIPZIG_MARKT;
  const feature = (geometry: Geometry | null, id: string): Feature<Geometry | null> => ({ type: 'Feature', id, properties: { id }, geometry });
  return {
    type: 'FeatureCollection',
    features: [
      feature({ type: 'Point', coordinates: [lon, lat] }, 'point'),
      feature({ type: 'Polygon', coordinates: [...polygonAround(lon, lat, 0.01), ...polygonAround(lon, lat, 0.002)] }, 'polygon'),
      feature(
        { type: 'MultiPolygon', coordinates: [polygonAround(lon - 0.05, lat, 0.01), polygonAround(lon + 0.05, lat, 0.01)] },
        'multipolygon',
      ),
      feature({ type: 'LineString', coordinates: [[lon, lat], [lon + 0.1, lat + 0.1]] }, 'line'),
      feature(
        {
          type: 'GeometryCollection',
          geometries: [
            { type: 'MultiPoint', coordinates: [[lon, lat + 0.1], [lon, lat - 0.1]] },
            { type: 'MultiLineString', coordinates: [[[lon - 0.1, lat], [lon, lat]]] },
          ],
        },
        'collection',
      ),
      feature(null, 'empty'),
    ],
  };
}

function mapCoords(fc: FeatureCollection<Geometry | null>, fn: (p: Position) => Position): FeatureCollection<Geometry | null> {
  return JSON.parse(JSON.stringify(fc), (key, value) => {
    if (key !== 'coordinates') return value;
    const walk = (v: unknown): unknown => (typeof (v as unknown[])[0] === 'number' ? fn(v as Position) : (v as unknown[]).map(walk));
    return walk(value);
  }) as FeatureCollection<Geometry | null>;
}

function expectSameCoordinates(actual: FeatureCollection<Geometry | null>, expected: FeatureCollection<Geometry | null>, tol: number) {
  const flat = (fc: FeatureCollection<Geometry | null>) => [...JSON.stringify(fc.features.map((f) => f.geometry)).matchAll(/-?\d+(\.\d+)?(e-?\d+)?/g)].map((m) => Number(m[0]));
  const a = flat(actual);
  const e = flat(expected);
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => expect(Math.abs(v - e[i]), `number ${i}`).toBeLessThan(tol));
}

describe('toWgs84', () => {
  test('reprojects every geometry type back to the WGS84 original (DHDN zone 4 and UTM 33N)', () => {
    const original = wgs84Collection();
    for (const code of [31468, 25833, 3035, 5650] as const) {
      const projected = mapCoords(original, ([lon, lat]) => fromWgs84(lon, lat, C(code)));
      const back = toWgs84(projected, C(code));
      expectSameCoordinates(back, original, 1e-6);
      expect(back.features.map((f) => f.id)).toEqual(original.features.map((f) => f.id));
      expect(back.features[5].geometry).toBeNull();
    }
  });

  test('the Point, Polygon and MultiPolygon come out where they belong', () => {
    const projected = mapCoords(wgs84Collection(), ([lon, lat]) => fromWgs84(lon, lat, C(25833)));
    const out = toWgs84(projected, C(25833));
    const point = out.features[0].geometry as Point;
    expect(point.coordinates[0]).toBeCloseTo(LEIPZIG_MARKT[0], 7);
    expect(point.coordinates[1]).toBeCloseTo(LEIPZIG_MARKT[1], 7);
    const polygon = out.features[1].geometry as Polygon;
    expect(polygon.coordinates).toHaveLength(2);
    expect(polygon.coordinates[0][2][0]).toBeCloseTo(LEIPZIG_MARKT[0] + 0.01, 7);
    const multi = out.features[2].geometry as MultiPolygon;
    expect(multi.coordinates).toHaveLength(2);
    expect(multi.coordinates[1][0][0][0]).toBeCloseTo(LEIPZIG_MARKT[0] + 0.04, 7);
  });

  test('swapAxes: lat/lon and northing/easting', () => {
    const original = wgs84Collection();
    const latLon = mapCoords(original, ([lon, lat]) => [lat, lon]);
    expectSameCoordinates(toWgs84(latLon, C(4326), { swapAxes: true }), original, 1e-12);
    const ne = mapCoords(original, ([lon, lat]) => {
      const [e, n] = fromWgs84(lon, lat, C(31468));
      return [n, e];
    });
    expectSameCoordinates(toWgs84(ne, C(31468), { swapAxes: true }), original, 1e-6);
    // without swapping, the same data lands far outside Germany
    const [lon, lat] = (toWgs84(ne, C(31468)).features[0].geometry as Point).coordinates;
    expect(lon >= GERMANY_BBOX.west && lon <= GERMANY_BBOX.east && lat >= GERMANY_BBOX.south && lat <= GERMANY_BBOX.north).toBe(false);
  });

  test('7-digit UTM (ESRI:102359): UTM 33N eastings + 3,000,000', () => {
    const original = wgs84Collection();
    const sevenDigit = mapCoords(original, ([lon, lat]) => {
      const [e, n] = fromWgs84(lon, lat, C(25833));
      return [e + 3_000_000, n];
    });
    expectSameCoordinates(toWgs84(sevenDigit, crsByKeyOrThrow('ESRI:102359')), original, 1e-6);
  });

  test('returns a new object; keeps heights and properties; drops bbox and crs', () => {
    const input: FeatureCollection = {
      type: 'FeatureCollection',
      bbox: [1, 2, 3, 4],
      features: [
        {
          type: 'Feature',
          bbox: [1, 2, 3, 4],
          properties: { name: 'Markt', n: 1 },
          geometry: { type: 'Point', coordinates: [...fromWgs84(...LEIPZIG_MARKT, C(25833)), 112.5] },
        },
      ],
    };
    (input as unknown as Record<string, unknown>).crs = { type: 'name', properties: { name: 'EPSG:25833' } };
    const snapshot = JSON.stringify(input);
    const out = toWgs84(input, C(25833));
    expect(JSON.stringify(input)).toBe(snapshot);
    expect(out).not.toBe(input);
    expect(out.features[0]).not.toBe(input.features[0]);
    expect(out.features[0].properties).toEqual({ name: 'Markt', n: 1 });
    expect(out.features[0].properties).not.toBe(input.features[0].properties);
    expect('bbox' in out).toBe(false);
    expect('crs' in out).toBe(false);
    expect('bbox' in out.features[0]).toBe(false);
    const c = (out.features[0].geometry as Point).coordinates;
    expect(c).toHaveLength(3);
    expect(c[2]).toBe(112.5);
  });

  test('throws a clear error for non-finite input or results', () => {
    const bad = (coordinates: Position): FeatureCollection => ({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [317_150, 5_690_974] } },
        { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[317_150, 5_690_974], coordinates] } },
      ],
    });
    expect(() => toWgs84(bad([NaN, 5_690_000]), C(25833))).toThrow(/feature 1 .*EPSG:25833/);
    expect(() => toWgs84(bad([Infinity, 5_690_000]), C(25833))).toThrow(/Cannot reproject/);
    // far outside the LAEA domain (beyond the antipode of its centre)
    expect(() => toWgs84(bad([4_321_000 + 3e7, 3_210_000]), C(3035))).toThrow(/EPSG:3035/);
    expect(() => toWgs84(bad([1, 2]), C(4326))).not.toThrow();
  });
});

describe('sampleCoordinates', () => {
  test('spreads up to n samples over all positions, skipping non-finite ones', () => {
    const fc = wgs84Collection();
    const all = sampleCoordinates(fc, 10_000);
    // point 1 + polygon 10 + multipolygon 10 + line 2 + collection 2 + 2
    expect(all).toHaveLength(27);
    expect(all[0]).toEqual([...LEIPZIG_MARKT]);
    const five = sampleCoordinates(fc, 5);
    expect(five).toHaveLength(5);
    expect(five[0]).toEqual(all[0]);
    // evenly spread: the samples reach into the last geometries
    expect(all.indexOf(all.find((p) => p[0] === five[4][0] && p[1] === five[4][1])!)).toBeGreaterThan(20);
    expect(sampleCoordinates(fc)).toEqual(all);
    expect(sampleCoordinates(fc, 0)).toEqual([]);
    const withNaN: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: [[NaN, 1], [2, 3]] } }],
    };
    expect(sampleCoordinates(withNaN)).toEqual([[2, 3]]);
    expect(sampleCoordinates({ type: 'FeatureCollection', features: [] })).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('detectCrs', () => {
  const utm32 = samplesAround(MUENCHEN, 25832);

  test('a recognised .prj wins and is checked against the coordinates', () => {
    const d = detectCrs({ prj: fixture('25832.esri.prj'), geojson: { crs: { type: 'name', properties: { name: 'EPSG:3035' } } }, samples: utm32 });
    expect(d).toMatchObject({ code: 25832, source: 'prj', confidence: 'certain', candidates: [25832], swappedAxes: false });
    expect(detectCrs({ prj: fixture('25832.ogc.prj'), samples: [] })).toMatchObject({ code: 25832, confidence: 'certain' });
  });

  test('.prj with 7-digit UTM eastings', () => {
    const samples = samplesAround(KOELN_DOM, 25832).map(([x, y]) => [x + 2_000_000, y] as [number, number]);
    const d = detectCrs({ prj: fixture('25832-7stellen.esri.prj'), samples });
    expect(d).toMatchObject({ code: null, key: 'ESRI:102328', source: 'prj', confidence: 'certain', candidateKeys: ['ESRI:102328'] });
    expect(d.reason).toContain('2,500,000');
  });

  test('a .prj that contradicts the coordinates gives ambiguous with the guess as alternative', () => {
    const d = detectCrs({ prj: fixture('25832.esri.prj'), samples: samplesAround(LEIPZIG_MARKT, 4326) });
    expect(d).toMatchObject({ code: 25832, source: 'prj', confidence: 'ambiguous', candidates: [25832, 4326] });
    const none = detectCrs({ prj: fixture('25832.esri.prj'), samples: [[1, 2]] });
    expect(none).toMatchObject({ code: 25832, source: 'prj', confidence: 'likely', candidates: [25832] });
  });

  test('an unreadable .prj falls back to the GeoJSON crs, then to the guess', () => {
    const geojson = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25832' } } };
    expect(detectCrs({ prj: fixture('unknown-garbage.prj'), geojson, samples: utm32 })).toMatchObject({
      code: 25832,
      source: 'geojson',
      confidence: 'certain',
    });
    const guessed = detectCrs({ prj: fixture('unknown-garbage.prj'), samples: samplesAround(LEIPZIG_MARKT, 31468) });
    expect(guessed).toMatchObject({ code: 31468, source: 'guess', confidence: 'likely' });
    expect(guessed.reason).toMatch(/\.prj file's coordinate system definition cannot be used: it is not well-formed WKT/);
  });

  test('a valid .prj outside the list (Lambert-93) is used as defined; with German coordinates it is ambiguous', () => {
    const lambert = detectCrs({ prj: fixture('unknown-lambert93.ogc.prj'), samples: utm32 });
    expect(lambert).toMatchObject({ code: 2154, source: 'prj', confidence: 'ambiguous', candidates: [2154, 25832] });
    expect(lambert.key).toMatch(/^WKT:/);
    expect(lambert.reason).toMatch(/RGF93 \/ Lambert-93.*\+proj=lcc/);
    // French coordinates (Paris, Notre-Dame, by EPSG:2154's registry definition) lie outside Germany: never 'certain'
    const lambert93 = '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
    const [px, py] = proj4('EPSG:4326', lambert93, [2.3499, 48.853]);
    expect(px).toBeGreaterThan(652_000);
    expect(px).toBeLessThan(653_000);
    const paris = detectCrs({ prj: fixture('unknown-lambert93.ogc.prj'), samples: [[px, py]] });
    expect(paris.code).toBe(2154);
    expect(paris.candidates[0]).toBe(2154);
    expect(paris.confidence).not.toBe('certain');
    const [lon, lat] = transformPosition(px, py, paris.crs!);
    expect(lon).toBeCloseTo(2.3499, 8);
    expect(lat).toBeCloseTo(48.853, 8);
  });

  test('a GeoJSON crs of EPSG::4326 with latitude first: swapped axes detected', () => {
    const geojson = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4326' } } };
    const d = detectCrs({ geojson, samples: samplesAround(LEIPZIG_MARKT, 4326, true) });
    expect(d).toMatchObject({ code: 4326, source: 'geojson', confidence: 'likely', swappedAxes: true });
  });

  test('GeoJSON without crs: WGS84 by default when the coordinates agree, else a guess', () => {
    const geojson = { type: 'FeatureCollection', features: [] };
    expect(detectCrs({ geojson, samples: samplesAround(LEIPZIG_MARKT, 4326) })).toMatchObject({
      code: 4326,
      source: 'default',
      confidence: 'certain',
      swappedAxes: false,
    });
    expect(detectCrs({ geojson, samples: [] })).toMatchObject({ code: 4326, source: 'default', confidence: 'likely' });
    expect(detectCrs({ geojson, samples: utm32 })).toMatchObject({ code: 25832, source: 'guess', confidence: 'likely' });
    expect(detectCrs({ geojson, samples: samplesAround(LEIPZIG_MARKT, 4326, true) })).toMatchObject({
      code: 4326,
      source: 'guess',
      swappedAxes: true,
    });
  });

  test('nothing to go on', () => {
    expect(detectCrs({ prj: null, samples: [] })).toMatchObject({ code: null, source: 'guess', confidence: 'unknown' });
    expect(detectCrs({ samples: [[1, 2]] })).toMatchObject({ code: null, confidence: 'unknown' });
  });
});

describe('GeoJSON fixtures: detection and reprojection end to end', () => {
  test.each(ALL_CODES)('EPSG:%s', (code) => {
    const fc = JSON.parse(fixture(`${code}.geojson`)) as FeatureCollection;
    const d = detectCrs({ geojson: fc, samples: sampleCoordinates(fc) });
    expect(d.code).toBe(code);
    expect(d.source).toBe(code === 4326 ? 'default' : 'geojson');
    expect(d.confidence).toBe('certain');
    const out = toWgs84(fc, C(code));
    const { lon, lat } = fc.features[0].properties as { lon: number; lat: number };
    const [plon, plat] = (out.features[0].geometry as Point).coordinates;
    expect(Math.abs(plon - lon)).toBeLessThan(1e-6);
    expect(Math.abs(plat - lat)).toBeLessThan(1e-6);
    const ring = (out.features[1].geometry as Polygon).coordinates[0];
    expect(Math.abs(ring[2][0] - (lon + 0.005))).toBeLessThan(1e-6);
    expect(Math.abs(ring[2][1] - (lat + 0.005))).toBeLessThan(1e-6);
    const multi = (out.features[2].geometry as MultiPolygon).coordinates;
    expect(Math.abs(multi[1][0][0][0] - (lon + 0.01))).toBeLessThan(1e-6);
    // the fixture's projected coordinates match the independent reference within a few centimetres
    const [x, y] = (fc.features[0].geometry as Point).coordinates;
    const [rx, ry] = reference(code, lon, lat);
    expect(Math.abs(x - rx)).toBeLessThan(code === 4326 ? 1e-7 : 0.03);
    expect(Math.abs(y - ry)).toBeLessThan(code === 4326 ? 1e-7 : 0.03);
  });
});
