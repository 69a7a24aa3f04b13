import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { csvParse } from 'd3-dsv';
import { islands, queenNeighbours } from '../../src/lib/analysis/contiguity';
import { lisa, moransI, mulberry32 } from '../../src/lib/analysis/moran';
import { dataDir } from './helpers/node-engine';

type Areas = FeatureCollection<Polygon | MultiPolygon, { id: string }>;

/** Axis-aligned square with its lower-left corner at (x, y). */
function square(x: number, y: number, size = 1): Position[][] {
  return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
}

function polygons(rings: Position[][][]): Areas {
  return {
    type: 'FeatureCollection',
    features: rings.map(
      (coordinates, i): Feature<Polygon, { id: string }> => ({
        type: 'Feature',
        properties: { id: `a${i}` },
        geometry: { type: 'Polygon', coordinates },
      }),
    ),
  };
}

/** rows × cols unit squares, index = row·cols + col. */
function squareGrid(rows: number, cols: number): Areas {
  const rings: Position[][][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) rings.push(square(c, r));
  return polygons(rings);
}

/** Lattice neighbours written out directly (independent of queenNeighbours), index = row·cols + col. */
function latticeNeighbours(rows: number, cols: number, kind: 'rook' | 'queen'): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const n: number[] = [];
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          if ((dr === 0 && dc === 0) || (kind === 'rook' && dr !== 0 && dc !== 0)) continue;
          const rr = r + dr;
          const cc = c + dc;
          if (rr >= 0 && rr < rows && cc >= 0 && cc < cols) n.push(rr * cols + cc);
        }
      }
      out.push(n.sort((a, b) => a - b));
    }
  }
  return out;
}

/** Path 0 – 1 – … – (n−1). */
function pathNeighbours(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n));
}

function expectSymmetric(nb: number[][]): void {
  nb.forEach((list, i) => {
    expect(list).not.toContain(i);
    expect([...list].sort((a, b) => a - b)).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
    for (const j of list) expect(nb[j]).toContain(i);
  });
}

async function readGeoJson(path: string): Promise<FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>> {
  return JSON.parse(await readFile(dataDir + path, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>;
}

describe('queenNeighbours', () => {
  it('3 × 3 grid of unit squares: centre 8, corner 3, edge 4', () => {
    const nb = queenNeighbours(squareGrid(3, 3));
    // 0 1 2 / 3 4 5 / 6 7 8 (row 0 at the bottom)
    expect(nb[4]).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    expect(nb[0]).toEqual([1, 3, 4]);
    expect(nb[8]).toEqual([4, 5, 7]);
    expect(nb[1]).toEqual([0, 2, 3, 4, 5]);
    expect(nb[3]).toEqual([0, 1, 4, 6, 7]);
    expect(nb.map((n) => n.length)).toEqual([3, 5, 3, 5, 8, 5, 3, 5, 3]);
    expectSymmetric(nb);
  });

  it('matches the written-out queen lattice on a 4 × 5 grid', () => {
    expect(queenNeighbours(squareGrid(4, 5))).toEqual(latticeNeighbours(4, 5, 'queen'));
  });

  it('edge cells: 5 queen neighbours, of which 3 share an edge (rook)', () => {
    // edge cell 1 (bottom middle): 0 and 2 along the side, 4 inward (rook, 3 edges) plus the diagonals 3 and 5
    const queen = queenNeighbours(squareGrid(3, 3));
    const rook = latticeNeighbours(3, 3, 'rook');
    expect(rook[1]).toEqual([0, 2, 4]);
    expect(queen[1]).toEqual([0, 2, 3, 4, 5]);
    // the centre has 4 rook and 8 queen neighbours, the rook ones among them
    expect(rook[4]).toEqual([1, 3, 5, 7]);
    for (const j of rook[4]) expect(queen[4]).toContain(j);
  });

  it('a pair touching only at a corner are queen neighbours; a gap gives none', () => {
    expect(queenNeighbours(polygons([square(0, 0), square(1, 1)]))).toEqual([[1], [0]]);
    const apart = queenNeighbours(polygons([square(0, 0), square(1.001, 0)]));
    expect(apart).toEqual([[], []]);
    expect(islands(apart)).toEqual([0, 1]);
  });

  it('compares vertices after rounding to 1e-7 degrees', () => {
    // 1 + 1e-8 rounds to the same vertex as 1; 1 + 1e-6 does not
    const near = polygons([square(0, 0), [[[1 + 1e-8, 1], [2, 1], [2, 2], [1, 2], [1 + 1e-8, 1]]]]);
    expect(queenNeighbours(near)).toEqual([[1], [0]]);
    const far = polygons([square(0, 0), [[[1 + 1e-6, 1 + 1e-6], [2, 1], [2, 2], [1, 2], [1 + 1e-6, 1 + 1e-6]]]]);
    expect(queenNeighbours(far)).toEqual([[], []]);
  });

  it('handles MultiPolygons (a part touching counts) and needs unique string ids', () => {
    const fc: Areas = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { id: 'main' }, geometry: { type: 'Polygon', coordinates: square(0, 0) } },
        // an "island" part far away plus a part touching 'main' at (1, 0)–(1, 1)
        {
          type: 'Feature',
          properties: { id: 'multi' },
          geometry: { type: 'MultiPolygon', coordinates: [square(10, 10), square(1, 0)] },
        },
        { type: 'Feature', properties: { id: 'far' }, geometry: { type: 'Polygon', coordinates: square(10, 11) } },
      ],
    };
    expect(queenNeighbours(fc)).toEqual([[1], [0, 2], [1]]);
    const dup = polygons([square(0, 0), square(1, 0)]);
    dup.features[1].properties.id = 'a0';
    expect(() => queenNeighbours(dup)).toThrow(/duplicate id 'a0'/);
    const noId = polygons([square(0, 0)]);
    (noId.features[0] as { properties: unknown }).properties = {};
    expect(() => queenNeighbours(noId)).toThrow(/feature 0 has no string properties.id/);
  });

  it('Leipzig Ortsteile: 63 areas, each with a neighbour, symmetric', async () => {
    const fc = await readGeoJson('leipzig/ortsteil.geojson');
    const nb = queenNeighbours(fc);
    expect(nb).toHaveLength(63);
    expectSymmetric(nb);
    expect(islands(nb)).toEqual([]);
    const byId = new Map(fc.features.map((f, i) => [f.properties.id, i]));
    const names = (i: number) => nb[i].map((j) => fc.features[j].properties.id).sort();
    // Zentrum (00) is ringed by the six other Zentrum-* Ortsteile (01–05, 06 = Zentrum-Nord)
    expect(names(byId.get('00')!)).toEqual(['01', '02', '03', '04', '05', '06']);
  });

  it('Kreise: 400 areas, symmetric, no islands', async () => {
    // The North Sea and Baltic islands are parts (MultiPolygons) of coastal Kreise such as
    // Nordfriesland, Aurich or Vorpommern-Rügen, not Kreise of their own, so every Kreis
    // shares at least one boundary vertex with another: no islands.
    const fc = await readGeoJson('kreise/kreis.geojson');
    const nb = queenNeighbours(fc);
    expect(nb).toHaveLength(400);
    expectSymmetric(nb);
    expect(islands(nb)).toEqual([]);
    const ids = (id: string) => {
      const i = fc.features.findIndex((f) => f.properties.id === id);
      return nb[i].map((j) => fc.features[j].properties.id);
    };
    // Flensburg borders only Schleswig-Flensburg; Berlin only Brandenburg Kreise
    expect(ids('01001')).toEqual(['01059']);
    const berlin = ids('11000');
    expect(berlin.length).toBeGreaterThanOrEqual(6);
    for (const id of berlin) expect(id.startsWith('12')).toBe(true);
  });
});

describe('mulberry32', () => {
  it('is deterministic per seed and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(m).toBeGreaterThan(0.45);
    expect(m).toBeLessThan(0.55);
  });
});

describe('moransI', () => {
  it('path of 4 areas, computed by hand', () => {
    // 0 – 1 – 2 – 3, values 1 2 3 4 → z = deviations from 2.5 = [−1.5, −0.5, 0.5, 1.5], Σz² = 5
    // row-standardised: w01 = 1, w10 = w12 = 1/2, w21 = w23 = 1/2, w32 = 1; S0 = 4
    // Σij wij zi zj = (−1.5)(−0.5) + (−0.5)(½·−1.5 + ½·0.5) + (0.5)(½·−0.5 + ½·1.5) + (1.5)(0.5)
    //              = 0.75 + 0.25 + 0.25 + 0.75 = 2
    // I = (n/S0) · 2/5 = (4/4) · 0.4 = 0.4; E[I] = −1/3
    const r = moransI([1, 2, 3, 4], pathNeighbours(4))!;
    expect(r.I).toBeCloseTo(0.4, 12);
    expect(r.expected).toBeCloseTo(-1 / 3, 12);
    expect(r.n).toBe(4);
    expect(r.islands).toBe(0);
    expect(r.permutations).toBe(999);
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
  });

  it('an island keeps its value in the mean and Σz² but adds no lag', () => {
    // path 0 – 1 – 2 plus an island 3; values 1 2 3 10 → mean 4, z = [−3, −2, −1, 6], Σz² = 50
    // Σ wij zi zj = (−3)(−2) + (−2)(½·−3 + ½·−1) + (−1)(−2) + 0 = 6 + 4 + 2 = 12; S0 = 3 (rows 0–2)
    // I = (4/3) · 12/50 = 0.32; E[I] = −1/3
    const r = moransI([1, 2, 3, 10], [[1], [0, 2], [1], []])!;
    expect(r.I).toBeCloseTo(0.32, 12);
    expect(r.n).toBe(4);
    expect(r.islands).toBe(1);
  });

  it('checkerboard on a 3 × 3 rook lattice: I = −1, significant', () => {
    // 1 0 1 / 0 1 0 / 1 0 1: mean 5/9, z(1) = 4/9, z(0) = −5/9; every rook neighbour has the other colour,
    // so lag_i = z of the other colour: Σ zi lag_i = 5·(4/9)(−5/9) + 4·(−5/9)(4/9) = −180/81
    // Σz² = 5·16/81 + 4·25/81 = 180/81 → I = (9/9)·(−180/81)/(180/81) = −1
    // Only 1 of the C(9,4) = 126 arrangements is the checkerboard → pseudo p ≈ (999/126 + 1)/1000 ≈ 0.009
    const board = [1, 0, 1, 0, 1, 0, 1, 0, 1];
    const r = moransI(board, latticeNeighbours(3, 3, 'rook'))!;
    expect(r.I).toBeCloseTo(-1, 12);
    expect(r.expected).toBeCloseTo(-1 / 8, 12);
    expect(r.pValue).toBeLessThan(0.05);
  });

  it('a clustered layout gives a large positive I with a small p', () => {
    // 6 × 6 queen lattice, left half 10, right half 0, plus a little noise
    const values = Array.from({ length: 36 }, (_, i) => (i % 6 < 3 ? 10 : 0) + ((i * 7) % 5) * 0.1);
    const r = moransI(values, latticeNeighbours(6, 6, 'queen'))!;
    expect(r.I).toBeGreaterThan(0.5);
    expect(r.pValue).toBe(0.001); // no permutation reaches it: (0 + 1)/(999 + 1)
  });

  it('random-looking values are not significant', () => {
    const rnd = mulberry32(7);
    const values = Array.from({ length: 49 }, () => rnd());
    const r = moransI(values, latticeNeighbours(7, 7, 'queen'), { seed: 3 })!;
    expect(Math.abs(r.I - r.expected)).toBeLessThan(0.2);
    expect(r.pValue).toBeGreaterThan(0.05);
  });

  it('drops missing values with their links: same as removing the area by hand', () => {
    // path 0 – 1 – 2 – 3 – 4 with area 2 missing → links 0–1 and 3–4 remain
    const withGap = moransI([1, 2, null, 3, 5], pathNeighbours(5));
    const removed = moransI([1, 2, 3, 5], [[1], [0], [3], [2]]);
    expect(withGap).toEqual(removed);
    expect(withGap!.n).toBe(4);
    // by hand: mean 2.75, z = [−1.75, −0.75, 0.25, 2.25], Σz² = 3.0625 + 0.5625 + 0.0625 + 5.0625 = 8.75
    // Σ zi zj over the 4 directed links = 2·(−1.75)(−0.75) + 2·(0.25)(2.25) = 2.625 + 1.125 = 3.75; S0 = 4
    // I = 3.75 / 8.75 = 0.428571 (reading the null as 0 would give another value)
    expect(withGap!.I).toBeCloseTo(3.75 / 8.75, 12);
    expect(moransI([1, 2, 0, 3, 5], pathNeighbours(5))!.I).not.toBeCloseTo(3.75 / 8.75, 3);
    // an area whose only neighbour is missing becomes an island
    expect(moransI([1, null, 3, 4, 6], pathNeighbours(5))!.islands).toBe(1);
  });

  it('is reproducible with a seed; the seed only changes the p-value', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3];
    const nb = latticeNeighbours(4, 4, 'queen');
    const a = moransI(values, nb, { seed: 11, permutations: 199 })!;
    expect(moransI(values, nb, { seed: 11, permutations: 199 })).toEqual(a);
    expect(a.permutations).toBe(199);
    expect(a.pValue * 200).toBeCloseTo(Math.round(a.pValue * 200), 9); // (M + 1)/(R + 1)
    expect(moransI(values, nb)).toEqual(moransI(values, nb)); // default seed
    const others = [1, 2, 3, 4, 5].map((seed) => moransI(values, nb, { seed, permutations: 199 })!);
    for (const o of others) expect(o.I).toBe(a.I);
    expect(new Set(others.map((o) => o.pValue)).size).toBeGreaterThan(1);
  });

  it('null with fewer than 3 values, no variance or no links; throws on bad input', () => {
    expect(moransI([1, 2, null], pathNeighbours(3))).toBeNull();
    expect(moransI([5, 5, 5, 5], pathNeighbours(4))).toBeNull();
    expect(moransI([0.1, 0.1, 0.1], pathNeighbours(3))).toBeNull();
    expect(moransI([1, 2, 3], [[], [], []])).toBeNull();
    expect(() => moransI([1, 2, 3], pathNeighbours(2))).toThrow(/3 values but 2 neighbour lists/);
    expect(() => moransI([1, 2, 3], pathNeighbours(3), { permutations: 0 })).toThrow(/positive integer/);
  });
});

describe('lisa', () => {
  it('local values by hand; their mean is the global I', () => {
    // path 0 – 1 – 2 – 3, values 1 2 3 4: z = [−1.5, −0.5, 0.5, 1.5] / SD, SD = √(5/4), so z² sums to 4
    // lags of the standardised z: [−0.5, −0.5, 0.5, 0.5]/SD
    // Ii = zi·lag_i = [0.75, 0.25, 0.25, 0.75] / 1.25 = [0.6, 0.2, 0.2, 0.6]; mean 0.4 = I
    const r = lisa([1, 2, 3, 4], pathNeighbours(4), { permutations: 99 });
    [0.6, 0.2, 0.2, 0.6].forEach((v, i) => expect(r.local[i]).toBeCloseTo(v, 12));
    const sd = Math.sqrt(1.25);
    [-1.5, -0.5, 0.5, 1.5].forEach((v, i) => expect(r.z[i]).toBeCloseTo(v / sd, 12));
    [-0.5, -0.5, 0.5, 0.5].forEach((v, i) => expect(r.lag[i]).toBeCloseTo(v / sd, 12));
    expect(r.quadrant).toEqual(['LL', 'LL', 'HH', 'HH']);
  });

  it('a block of high values among low ones: HH in the core', () => {
    // 7 × 7 queen lattice, 3 × 3 block of 10 in the middle (rows/cols 2–4), 0 elsewhere.
    // The core (3,3) has all 8 neighbours high; drawing 8 of the 48 others (8 highs) gives that
    // only with probability 1/C(48,8) → no permutation reaches it → p = 1/1000.
    const values = Array.from({ length: 49 }, (_, i) => {
      const [r, c] = [Math.floor(i / 7), i % 7];
      return r >= 2 && r <= 4 && c >= 2 && c <= 4 ? 10 : 0;
    });
    const res = lisa(values, latticeNeighbours(7, 7, 'queen'));
    const core = 3 * 7 + 3;
    expect(res.cluster[core]).toBe('HH');
    expect(res.pValue[core]).toBe(0.001);
    // far corner: z < 0 and lag < 0 (LL quadrant), but 3 low neighbours are common (p ≈ 0.5)
    expect(res.quadrant[0]).toBe('LL');
    expect(res.cluster[0]).toBe('ns');
    const mean = (res.local as number[]).reduce((s, v) => s + v, 0) / 49;
    expect(mean).toBeCloseTo(moransI(values, latticeNeighbours(7, 7, 'queen'))!.I, 12);
  });

  it('an isolated high value among lows: HL; a low one among highs: LH', () => {
    // 7 × 7 queen lattice of 5s; (3,3) = 20 ringed by 0s → z > 0, lag < 0. Its lag (all eight 0s, the
    // lowest values) is matched only by drawing exactly those 8 from the 48 others → p = 0.001.
    const hl = Array.from({ length: 49 }, () => 5);
    const centre = 3 * 7 + 3;
    for (const j of latticeNeighbours(7, 7, 'queen')[centre]) hl[j] = 0;
    hl[centre] = 20;
    const r = lisa(hl, latticeNeighbours(7, 7, 'queen'));
    expect(r.cluster[centre]).toBe('HL');
    expect(r.pValue[centre]).toBe(0.001);
    // mirrored: the negated values make it a low among highs
    const lh = lisa(hl.map((v) => -v), latticeNeighbours(7, 7, 'queen'));
    expect(lh.cluster[centre]).toBe('LH');
    expect(lh.local[centre]).toBeCloseTo(r.local[centre]!, 12);
  });

  it('missing values and islands are null; missing values are dropped with their links', () => {
    // path 0 – 1 – 2 – 3 – 4 plus an island 5; area 2 missing
    const nb = [...pathNeighbours(5), []];
    const r = lisa([1, 2, null, 3, 5, 4], nb, { permutations: 99, seed: 5 });
    for (const key of ['local', 'pValue', 'cluster', 'quadrant', 'lag'] as const) {
      expect(r[key][2]).toBeNull();
      expect(r[key][5]).toBeNull();
    }
    expect(r.z[2]).toBeNull();
    expect(r.z[5]).not.toBeNull(); // the island has a value, just no lag
    // same as removing area 2 by hand
    const removed = lisa([1, 2, 3, 5, 4], [[1], [0], [3], [2], []], { permutations: 99, seed: 5 });
    expect([0, 1, 3, 4].map((i) => r.local[i])).toEqual(removed.local.slice(0, 4));
    expect([0, 1, 3, 4].map((i) => r.pValue[i])).toEqual(removed.pValue.slice(0, 4));
  });

  it('is reproducible with a seed; alpha sets significance', () => {
    const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3];
    const nb = latticeNeighbours(4, 4, 'queen');
    expect(lisa(values, nb, { seed: 9 })).toEqual(lisa(values, nb, { seed: 9 }));
    const strict = lisa(values, nb, { seed: 9, alpha: 0 });
    expect(strict.cluster.every((c) => c === 'ns')).toBe(true);
    const loose = lisa(values, nb, { seed: 9, alpha: 1 });
    loose.cluster.forEach((c, i) => expect(c).toBe(loose.quadrant[i] ?? 'ns'));
  });

  it('all null with fewer than 3 values or no variance', () => {
    expect(lisa([1, 1, 1], pathNeighbours(3)).local).toEqual([null, null, null]);
    expect(lisa([1, null], pathNeighbours(2)).cluster).toEqual([null, null]);
  });
});

describe('Leipzig Ortsteile: unemployment share 2022', () => {
  it('is positively autocorrelated, with HH clusters in the east and Grünau', async () => {
    const fc = await readGeoJson('leipzig/ortsteil.geojson');
    const rows = csvParse(await readFile(dataDir + 'leipzig/values.csv', 'utf8'));
    const byId = new Map(rows.filter((r) => r.year === '2022').map((r) => [r.area_id, r.arbeitslosenanteil]));
    const values = fc.features.map((f) => {
      const v = byId.get(f.properties.id);
      return v === undefined || v === '' ? null : Number(v);
    });
    expect(values.every((v) => v !== null)).toBe(true);
    const nb = queenNeighbours(fc);
    const m = moransI(values, nb)!;
    expect(m.n).toBe(63);
    expect(m.I).toBeCloseTo(0.3295, 4);
    expect(m.pValue).toBe(0.001);

    // cross-check with a dense weight matrix: I = (n/S0) Σij wij zi zj / Σ zi²
    const v = values as number[];
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    const z = v.map((x) => x - mean);
    let num = 0;
    nb.forEach((list, i) => list.forEach((j) => (num += (1 / list.length) * z[i] * z[j])));
    expect(m.I).toBeCloseTo(num / z.reduce((s, x) => s + x * x, 0), 12);

    const l = lisa(values, nb);
    const names = (c: string) =>
      fc.features.filter((_, i) => l.cluster[i] === c).map((f) => f.properties.name);
    expect(names('HH')).toEqual(expect.arrayContaining(['Volkmarsdorf', 'Grünau-Mitte']));
    expect(names('LL')).toEqual(expect.arrayContaining(['Baalsdorf', 'Holzhausen']));
  });
});
