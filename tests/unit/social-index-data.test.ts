// The social index on the bundled data, through the real DuckDB engine and the app's own
// AnalysisData (the figures the panel and the map show): the minimum number of residents, the
// MSS's two-year dynamics window, and Leipzig's SGB-II-Quote "< 1 %" (Plaußig-Portitz 2022).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvParse } from 'd3-dsv';
import { createLoadedEngine, dataDir } from './helpers/node-engine';
import { bundledCatalog, findBundledSite } from '../../src/lib/data/catalog';
import { loadSiteData } from '../../src/lib/db/load';
import { queryRows, type Engine } from '../../src/lib/db/engine';
import { ValueCache } from '../../src/lib/state/value-cache';
import { AnalysisData, type IndexData } from '../../src/lib/state/analysis.svelte';
import { parseViewState } from '../../src/lib/state/url';
import { MSS_MIN_RESIDENTS, socialIndex, statusClass } from '../../src/lib/analysis/social-index';

let engine: Engine;
let cache: ValueCache;

beforeAll(async () => {
  engine = await createLoadedEngine();
  cache = new ValueCache(engine, (site) => loadSiteData(engine, site, async () => new Uint8Array()));
});

async function index(search: string): Promise<IndexData> {
  const { state } = parseViewState(search, bundledCatalog.sites, 'leipzig');
  const site = findBundledSite(state.site);
  const analysis = new AnalysisData();
  await analysis.refresh(cache, site, state);
  expect(analysis.error).toBeNull();
  return analysis.index!;
}

/** Leipzig's values.csv read directly (not through DuckDB): column → year → area → cell text. */
function leipzigCells(column: string, year: number): Map<string, string> {
  const rows = csvParse(readFileSync(`${dataDir}leipzig/values.csv`, 'utf8'));
  return new Map(rows.filter((r) => Number(r.year) === year).map((r) => [r.area_id!, r[column] ?? '']));
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
};
const z = (xs: Map<string, number>) => {
  const v = [...xs.values()];
  const m = mean(v);
  const s = sd(v);
  return new Map([...xs].map(([id, x]) => [id, (x - m) / s]));
};

describe('social index: minimum number of residents', () => {
  it('Leipzig: the default is 300 (the site has residents); no Ortsteil is that small, so the result equals idxmin=0', async () => {
    const byDefault = await index('?site=leipzig&mode=index&year=2022');
    const off = await index('?site=leipzig&mode=index&year=2022&idxmin=0');
    expect(byDefault.minResidents).toBe(MSS_MIN_RESIDENTS);
    expect(off.minResidents).toBe(0);
    expect(byDefault.notRated.size).toBe(0);
    expect([...byDefault.status]).toEqual([...off.status]);
    expect([...byDefault.dynamics]).toEqual([...off.dynamics]);
  });

  it('Leipzig with idxmin=3000: the Ortsteile under 3,000 residents (2022) are not rated and left out of the standardisation', async () => {
    const ew = leipzigCells('einwohner', 2022);
    const small = [...ew].filter(([, v]) => Number(v) < 3000).map(([id]) => id).sort();
    expect(small.length).toBeGreaterThanOrEqual(3); // e.g. Plaußig-Portitz has 3,229: not among them
    expect(small).not.toContain('15');
    const d = await index('?site=leipzig&mode=index&year=2022&idx=arbeitslosenanteil:1&idxmin=3000');
    expect([...d.notRated].sort()).toEqual(small);
    for (const id of small) expect(d.status.get(id)).toEqual({ score: null, cls: null });
    // Status by hand over the other Ortsteile: one indicator, so the index is its z-score.
    const rest = new Map([...leipzigCells('arbeitslosenanteil', 2022)].filter(([id, v]) => v !== '' && !small.includes(id)).map(([id, v]) => [id, Number(v)]));
    const byHand = z(rest);
    for (const [id, s] of byHand) expect(d.status.get(id)!.score).toBeCloseTo(s, 10);
    // Not rated is counted apart from missing: classes + missing + not rated = all 63.
    const classed = d.counts.flat().reduce((a, b) => a + b, 0);
    expect(classed + d.missing + d.notRated.size).toBe(63);
    expect(d.missing).toBe(0);
  });

  it('Gemeinden: by default the Gemeinden under 300 residents are not rated; none of them gets a class', async () => {
    const small = await queryRows<{ id: string }>(
      engine,
      "SELECT area_id AS id FROM observations WHERE site = 'gemeinden' AND ind = 'einwohner' AND value < 300 ORDER BY 1",
    );
    expect(small.length).toBeGreaterThan(100);
    const d = await index('?site=gemeinden&mode=index');
    expect(d.minResidents).toBe(300);
    expect([...d.notRated].sort()).toEqual(small.map((r) => r.id).sort());
    for (const { id } of small) expect(d.status.get(id)?.cls ?? null).toBeNull();
    const rated = [...d.status].filter(([id]) => !d.notRated.has(id)).map(([, s]) => s.score).filter((s): s is number => s !== null);
    // Re-standardised over the rated Gemeinden only.
    expect(mean(rated)).toBeCloseTo(0, 9);
    expect(sd(rated)).toBeCloseTo(1, 9);
  });
});

describe('social index: the dynamics window', () => {
  it('idxdyn=2 compares 2020 with 2022; computed by hand for Volkmarsdorf it equals the function', async () => {
    const d = await index('?site=leipzig&mode=index&year=2022&idx=arbeitslosenanteil:1,auslaenderanteil:1&idxdyn=2');
    expect([d.from, d.to]).toEqual([2020, 2022]);
    // By hand: the change 2020→2022 (percentage points) per indicator, z-standardised over the
    // Ortsteile with both changes, averaged, and standardised again.
    const changeOf = (col: string) => {
      const a = leipzigCells(col, 2020);
      const b = leipzigCells(col, 2022);
      return new Map([...b].filter(([id, v]) => v !== '' && a.get(id)).map(([id, v]) => [id, Number(v) - Number(a.get(id))]));
    };
    const alq = changeOf('arbeitslosenanteil');
    const aus = changeOf('auslaenderanteil');
    const both = [...alq.keys()].filter((id) => aus.has(id));
    const za = z(new Map(both.map((id) => [id, alq.get(id)!])));
    const zb = z(new Map(both.map((id) => [id, aus.get(id)!])));
    const dyn = z(new Map(both.map((id) => [id, (za.get(id)! + zb.get(id)!) / 2])));
    const volkmarsdorf = '21';
    expect(both).toContain(volkmarsdorf);
    // Volkmarsdorf 2020→2022: Arbeitslosenanteil and Ausländeranteil from values.csv.
    expect(alq.get(volkmarsdorf)).toBeCloseTo(Number(leipzigCells('arbeitslosenanteil', 2022).get('21')) - Number(leipzigCells('arbeitslosenanteil', 2020).get('21')), 12);
    expect(d.dynamics.get(volkmarsdorf)!.score).toBeCloseTo(dyn.get(volkmarsdorf)!, 10);
    for (const id of both) expect(d.dynamics.get(id)!.score).toBeCloseTo(dyn.get(id)!, 10);
  });

  it('without idxdyn the dynamics use from–to as before (2018–2022 here), which differs from the last two years', async () => {
    const range = await index('?site=leipzig&mode=index&year=2022&from=2018&to=2022&idx=arbeitslosenanteil:1');
    const two = await index('?site=leipzig&mode=index&year=2022&from=2018&to=2022&idx=arbeitslosenanteil:1&idxdyn=2');
    expect([range.from, range.to]).toEqual([2018, 2022]);
    expect([two.from, two.to]).toEqual([2020, 2022]);
    expect(range.dynamics.get('21')!.score).not.toBeCloseTo(two.dynamics.get('21')!.score!, 3);
    // The status does not depend on the window.
    expect([...range.status]).toEqual([...two.status]);
  });
});

describe('social index: "< 1 %" (Leipzig SGB-II-Quote, Plaußig-Portitz 2022)', () => {
  it('enters with the interval midpoint 0.5 %, so the Ortsteil is rated', async () => {
    const cells = leipzigCells('sgb2_quote', 2022);
    expect(cells.get('15')).toBe('<1');
    const values = new Map([...cells].filter(([, v]) => v !== '').map(([id, v]) => [id, v === '<1' ? 0.5 : Number(v)]));
    expect(values.size).toBe(63);
    const byHand = z(values);
    const d = await index('?site=leipzig&mode=index&year=2022&idx=sgb2_quote:1');
    expect(d.estimated).toBe(1);
    expect(d.status.get('15')!.score).toBeCloseTo(byHand.get('15')!, 10);
    expect(d.status.get('15')!.cls).toBe(statusClass(byHand.get('15')!));
    // The lowest SGB-II-Quote: the best status of all Ortsteile.
    const scores = [...d.status.values()].map((s) => s.score!);
    expect(d.status.get('15')!.score).toBe(Math.min(...scores));
    for (const [id, s] of byHand) expect(d.status.get(id)!.score).toBeCloseTo(s, 10);
  });

  it('the default index 2022 rates Plaußig-Portitz too (unrated while "< 1 %" was missing): one area more than before', async () => {
    const d = await index('?site=leipzig&mode=index&year=2022');
    expect(d.weights.map((w) => w.id)).toContain('sgb2_quote');
    const classed = d.counts.flat().reduce((a, b) => a + b, 0);
    expect(d.status.get('15')!.cls).not.toBeNull();
    // The previous result: the same inputs with Plaußig-Portitz's SGB-II-Quote missing.
    const site = findBundledSite('leipzig');
    const { state } = parseViewState('?site=leipzig&mode=index&year=2022', bundledCatalog.sites, 'leipzig');
    const ids = [...d.status.keys()].sort();
    const inds = await Promise.all(
      d.weights.map(async (w) => {
        const ind = site.indicators.find((i) => i.id === w.id)!;
        const data = await cache.get(site, 'ortsteil', ind);
        const at = (y: number) => new Map((data.byYear.get(y) ?? []).map((r) => [r.id, r.value]));
        const near = (y: number) => ind.years.reduce((a, b) => (Math.abs(b - y) < Math.abs(a - y) || (Math.abs(b - y) === Math.abs(a - y) && b > a) ? b : a));
        const now = at(near(state.year));
        const a = at(near(state.from));
        const b = at(near(state.to));
        return {
          id: ind.id,
          weight: w.w,
          direction: ind.direction,
          status: ids.map((id) => now.get(id) ?? null),
          change: ids.map((id) => {
            const x = a.get(id) ?? null;
            const y = b.get(id) ?? null;
            return x === null || y === null ? null : y - x;
          }),
        };
      }),
    );
    const old = socialIndex(ids, inds);
    expect(old.status[ids.indexOf('15')]).toBeNull();
    expect(old.combined.filter((c) => c !== null)).toHaveLength(classed - 1);
    const changed = ids.filter((id, i) => id !== '15' && old.statusClass[i] !== d.status.get(id)!.cls);
    const changedDyn = ids.filter((id, i) => id !== '15' && old.dynamicsClass[i] !== d.dynamics.get(id)!.cls);
    // 62 rated (61 before; Hartmannsdorf-Knautnaundorf has no Arbeitslosenanteil in 2000); every
    // other Ortsteil keeps its status and dynamics class (the scores move a little).
    expect(classed).toBe(62);
    expect(changed).toEqual([]);
    expect(changedDyn).toEqual([]);
  });
});
