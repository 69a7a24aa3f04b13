// The rest of a programme area lies in its reference (issue 17): a Sozialraum of Gemeinden of Landkreis
// Verden is compared with the rest of its Kreis ("übriger Landkreis Verden"), not with the rest of Germany;
// members in two Kreise of one Land with the rest of the Land; members in two Länder with the rest of
// Germany. Real bundled Gemeinden data (Zensus 2022) in real DuckDB; the expected figures are read here
// independently from data/gemeinden/areas.csv and values.csv.
import { beforeAll, describe, expect, it } from 'vitest';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../../src/lib/data/programme-areas';
import type { Engine } from '../../src/lib/db/engine';
import { programmeRestReferences, programmeRestSeries } from '../../src/lib/db/programme-rest';
import { setProgrammeAreas } from '../../src/lib/db/programme-areas';
import { loadSite } from '../../src/lib/db/schema';
import { ValueCache } from '../../src/lib/state/value-cache';
import { restLabel } from '../../src/lib/render/rest-label';
import { exportRest } from '../../src/lib/state/programme-rest-export';
import { viewTables, type ShownView } from '../../src/lib/state/view-export';
import { buildResult } from '../../src/lib/render/view-result';
import { parseViewState } from '../../src/lib/state/url';
import { createNodeEngine, loadBundledSite, readDataFile } from './helpers/node-engine';

const gemeinden = findBundledSite('gemeinden');
const leipzig = findBundledSite('leipzig');
const einwohner = findIndicator(gemeinden, 'einwohner');
const anteil = findIndicator(gemeinden, 'auslaenderanteil');

const area = (id: string, site: string, members: string[], extra: Partial<ProgrammeArea> = {}): ProgrammeArea => ({
  id, site, name: `Gebiet ${id}`, programme: 'sozialraum', startYear: 2022, color: '#e69f00', members, ...extra,
});

/** A CSV line split at commas outside quotes. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

async function csv(path: string): Promise<Record<string, string>[]> {
  const text = new TextDecoder().decode(await readDataFile(path));
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = cells(head!);
  return lines.map((l) => {
    const c = cells(l);
    return Object.fromEntries(cols.map((k, i) => [k, c[i] ?? '']));
  });
}

describe('the rest of a programme area within its Kreis, Land or Germany (real Gemeinden data, Zensus 2022)', () => {
  let engine: Engine;
  let kreisOf: Map<string, string>;
  let landOf: Map<string, string>;
  let values: Map<string, Record<string, string>>;
  const num = (id: string, col: string) => Number(values.get(id)![col]);
  const sum = (ids: readonly string[], col: string) => ids.reduce((s, id) => s + num(id, col), 0);
  const inKreis = (k: string) => [...kreisOf].filter(([, p]) => p === k).map(([id]) => id);
  const inLand = (l: string) => [...kreisOf].filter(([, k]) => landOf.get(k) === l).map(([id]) => id);

  beforeAll(async () => {
    engine = await createNodeEngine();
    await loadBundledSite(engine, gemeinden);
    await loadSite(engine, leipzig, readDataFile);
    const areas = await csv('gemeinden/areas.csv');
    kreisOf = new Map(areas.filter((a) => a.level === 'gemeinde').map((a) => [a.id!, a.parent!]));
    landOf = new Map(areas.filter((a) => a.level === 'kreis').map((a) => [a.id!, a.parent!]));
    values = new Map((await csv(gemeinden.values)).filter((r) => r.year === '2022').map((r) => [r.area_id!, r]));
  }, 180_000);

  it('a union of Verden Gemeinden: its rest is Kreis Verden (03361) minus the union, "übriger Landkreis Verden"', async () => {
    const members = ['03361001', '03361002', '03361004'];
    await setProgrammeAreas(engine, gemeinden, [area('pa-v', 'gemeinden', members)]);
    const verden = inKreis('03361');
    expect(verden.length).toBeGreaterThan(members.length);
    const cache = new ValueCache(engine, async () => undefined);

    const residents = (await cache.rest(gemeinden, einwohner)).byArea.get('pa-v')!.find((r) => r.year === 2022)!;
    const expectedResidents = sum(verden, 'einwohner') - sum(members, 'einwohner');
    expect(residents.value).toBe(expectedResidents);
    expect(residents).toMatchObject({ n: verden.length - members.length, estimated: false });
    // far from the rest of Germany
    expect(residents.value!).toBeLessThan(200_000);

    const share = (await cache.rest(gemeinden, anteil)).byArea.get('pa-v')!.find((r) => r.year === 2022)!;
    const rest = verden.filter((id) => !members.includes(id));
    const expectedShare = (sum(rest, 'auslaender_est') / sum(rest, 'einwohner')) * 100;
    expect(share.value).toBeCloseTo(expectedShare, 9);
    // Σ/Σ, not the mean of the rest's shares
    const mean = rest.reduce((s, id) => s + num(id, 'auslaenderanteil'), 0) / rest.length;
    expect(Math.abs(share.value! - mean)).toBeGreaterThan(1e-6);

    const refs = await cache.restReferences(gemeinden);
    expect(refs.get('pa-v')).toMatchObject({ level: 'kreis', id: '03361', name: 'Verden', bases: verden.length });
    expect(restLabel(gemeinden, 'de', undefined, refs.get('pa-v'))).toBe('übriger Landkreis Verden');
    expect(restLabel(gemeinden, 'en', undefined, refs.get('pa-v'))).toBe('rest of Landkreis Verden');
    expect(restLabel(gemeinden, 'de', 'Nord', refs.get('pa-v'))).toBe('übriger Landkreis Verden (ohne Nord)');
  });

  it('members in two Kreise of Niedersachsen: the rest of the Land; members in two Länder: the rest of Germany', async () => {
    const twoKreise = ['03361001', inKreis('03356')[0]!]; // Verden and Osterholz
    const twoLaender = ['03361001', '04011000']; // Achim and Bremen
    await setProgrammeAreas(engine, gemeinden, [area('pa-l', 'gemeinden', twoKreise), area('pa-d', 'gemeinden', twoLaender)]);
    const rows = await programmeRestSeries(engine, gemeinden, einwohner);
    const land = inLand('03');
    expect(rows.find((r) => r.id === 'pa-l')!.value).toBe(sum(land, 'einwohner') - sum(twoKreise, 'einwohner'));
    const all = [...kreisOf.keys()];
    expect(rows.find((r) => r.id === 'pa-d')!.value).toBe(sum(all, 'einwohner') - sum(twoLaender, 'einwohner'));
    const refs = await programmeRestReferences(engine, gemeinden);
    expect(refs.get('pa-l')).toMatchObject({ level: 'land', id: '03' });
    expect(refs.get('pa-d')).toMatchObject({ level: 'bund' });
    expect(restLabel(gemeinden, 'de', undefined, refs.get('pa-l'))).toBe(`übriges ${refs.get('pa-l')!.name}`);
    expect(restLabel(gemeinden, 'de', undefined, refs.get('pa-d'))).toBe('Rest von Deutschland');
  });

  it('a drawn area cutting a Verden Gemeinde: 1 − w of it stays in the Kreis rest, estimated', async () => {
    await setProgrammeAreas(engine, gemeinden, [area('pa-w', 'gemeinden', ['03361001', '03361002'], { weights: { '03361001': 1, '03361002': 0.4 } })]);
    const verden = inKreis('03361');
    const w = (await programmeRestSeries(engine, gemeinden, einwohner)).find((r) => r.id === 'pa-w')!;
    expect(w.value).toBeCloseTo(sum(verden, 'einwohner') - num('03361001', 'einwohner') - 0.4 * num('03361002', 'einwohner'), 6);
    expect(w.estimated).toBe(true);
  });

  it('Leipzig stays "übrige Stadt": the reference of a union of Ortsteile is the city, not its Stadtbezirk', async () => {
    await setProgrammeAreas(engine, leipzig, [area('pa-z', 'leipzig', ['00', '01', '02'])]);
    const refs = await programmeRestReferences(engine, leipzig);
    expect(refs.get('pa-z')).toMatchObject({ level: 'stadt', bases: 63 });
    expect(restLabel(leipzig, 'de', undefined, refs.get('pa-z'))).toBe('übrige Stadt');
  });

  it('a site with no level above its base (as an imported one): the rest is the whole site without the area', async () => {
    const flat = { ...leipzig, levels: leipzig.levels.filter((l) => l.id === 'ortsteil') };
    await setProgrammeAreas(engine, leipzig, [area('pa-z', 'leipzig', ['00', '01', '02'])]);
    expect((await programmeRestReferences(engine, flat)).size).toBe(0);
    const ew = findIndicator(leipzig, 'einwohner');
    const flatRest = (await programmeRestSeries(engine, flat, ew)).find((r) => r.id === 'pa-z' && r.year === 2023)!;
    const cityRest = (await programmeRestSeries(engine, leipzig, ew)).find((r) => r.id === 'pa-z' && r.year === 2023)!;
    expect(flatRest.value).toBe(cityRest.value);
    expect(flatRest.n).toBe(60);
    expect(restLabel(flat, 'de')).toBe('übriges Gebiet');
  });

  it('secrecy: a union of all Verden Gemeinden but the smallest — its Kreis rest is that Gemeinde: hidden with the area', async () => {
    const verden = inKreis('03361').sort((a, b) => num(a, 'einwohner') - num(b, 'einwohner'));
    const smallest = verden[0]!;
    const threshold = num(smallest, 'einwohner') + 1;
    // every other Gemeinde of the Kreis is above it, so only the rest is secret by itself
    expect(num(verden[1]!, 'einwohner')).toBeGreaterThanOrEqual(threshold);
    await setProgrammeAreas(engine, gemeinden, [area('pa-s', 'gemeinden', verden.slice(1))]);
    const open = new ValueCache(engine, async () => undefined);
    expect((await open.rest(gemeinden, einwohner)).byArea.get('pa-s')![0]!.value).toBe(num(smallest, 'einwohner'));
    const cache = new ValueCache(engine, async () => undefined);
    cache.setSecrecy(threshold);
    const rest = (await cache.rest(gemeinden, einwohner)).byArea.get('pa-s')![0]!;
    expect(rest.value).toBeNull();
    expect(rest.secret).toBeDefined();
    // the area itself is hidden too: Kreis − area would give the small Gemeinde away
    const own = (await cache.get(gemeinden, PROGRAMME_LEVEL, einwohner)).byArea.get('pa-s')![0]!;
    expect(own.value).toBeNull();
  });

  it('the level export (CSV/XLSX tables) carries each area\'s rest beside it, and "." where secrecy hides it', async () => {
    const members = ['03361001', '03361002', '03361004'];
    await setProgrammeAreas(engine, gemeinden, [area('pa-v', 'gemeinden', members, { name: 'Sozialraum' })]);
    const level = { id: PROGRAMME_LEVEL, label: { de: 'Programmgebiete', en: 'Programme areas' }, geometry: '', count: 1 };
    const site = { ...gemeinden, levels: [...gemeinden.levels, level] };
    const view = parseViewState('?site=gemeinden&level=programmgebiet&ind=auslaenderanteil&year=2022', [site], 'gemeinden').state;
    const cache = new ValueCache(engine, async () => undefined);
    const rows = (await cache.get(site, PROGRAMME_LEVEL, anteil)).byYear.get(2022)!;
    const app = {
      views: { view, indicator: anteil, level, site },
      shown: { result: buildResult(view, site, anteil, rows, null), names: new Map([['pa-v', 'Sozialraum']]), trendShown: null },
    } as unknown as ShownView;
    const rest = await exportRest(cache, site, PROGRAMME_LEVEL, anteil, 'de');
    const { data, meta } = viewTables(app, 'https://example.org/', new Date(), rest);
    expect(data.columns.slice(4)).toEqual(['Rest im Bezugsgebiet', `übrige Stadt / übriger Kreis: ${data.columns[3]}`]);
    const row = data.rows.find((r) => r[0] === 'pa-v')!;
    const restIds = inKreis('03361').filter((id) => !members.includes(id));
    expect(row[4]).toBe('übriger Landkreis Verden');
    expect(row[5] as number).toBeCloseTo((sum(restIds, 'auslaender_est') / sum(restIds, 'einwohner')) * 100, 9);
    expect(data.numberFormats![4]).toBeNull();
    expect(data.numberFormats![5]).not.toBeNull();
    expect(meta.rows.some((r) => r[0] === 'übrige Stadt / übriger Kreis')).toBe(true);
    // Not on other levels: no rest.
    expect(await exportRest(cache, site, 'gemeinde', anteil, 'de')).toBeNull();

    // With secrecy: an area leaving out only the smallest Gemeinde of the Kreis — its rest is that Gemeinde: ".".
    const verden = inKreis('03361').sort((a, b) => num(a, 'einwohner') - num(b, 'einwohner'));
    await setProgrammeAreas(engine, gemeinden, [area('pa-s', 'gemeinden', verden.slice(1))]);
    const secret = new ValueCache(engine, async () => undefined);
    secret.setSecrecy(num(verden[0]!, 'einwohner') + 1);
    const hidden = await exportRest(secret, site, PROGRAMME_LEVEL, einwohner, 'de');
    expect(hidden!.value('pa-s', 2022)!.secret).toBeDefined();
    const sview = parseViewState('?site=gemeinden&level=programmgebiet&ind=einwohner&year=2022', [site], 'gemeinden').state;
    const srows = (await secret.get(site, PROGRAMME_LEVEL, einwohner)).byYear.get(2022)!;
    const sapp = {
      views: { view: sview, indicator: einwohner, level, site },
      shown: { result: buildResult(sview, site, einwohner, srows, null), names: new Map([['pa-s', 'Fast alles']]), trendShown: null },
    } as unknown as ShownView;
    const srow = viewTables(sapp, 'https://example.org/', new Date(), hidden).data.rows.find((r) => r[0] === 'pa-s')!;
    expect(srow[3]).toBe('.');
    expect(srow[5]).toBe('.');
  });
});
