// Online data packages (?src=…): the checks of a site entry (the same for every bundled site), the
// generic list of a site's files, path resolution against site.json's URL, the CSP check, and the
// publish script (Leipzig published into a tmp dir and read back through real DuckDB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledCatalog, findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import type { Site } from '../../src/lib/data/catalog-types';
import { siteProblems, sourcesProblems } from '../../src/lib/data/site-check';
import { mapSitePaths, sitePackageFiles } from '../../src/lib/data/site-files.js';
import { readPackage, type PackageJson } from '../../src/lib/data/online-package';
import { cspAllowsConnect } from '../../src/lib/data/online-consent';
import { publishPackage, PACKAGE_FORMAT } from '../../scripts/publish-package.mjs';
import { createNodeEngine, readDataFile } from './helpers/node-engine';
import { loadSiteData } from '../../src/lib/db/load';
import { ValueCache } from '../../src/lib/state/value-cache';
import { SiteRegistry } from '../../src/lib/data/site-registry.svelte';
import { onlineFileUrl, putOnlineSite } from '../../src/lib/data/online-files';
import { dataUrl } from '../../src/lib/data/urls';
import { parseViewState, serializeViewState } from '../../src/lib/state/url';

const leipzig = findBundledSite('leipzig');
const sources = bundledCatalog.sources;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('site entry checks', () => {
  it.each(bundledCatalog.sites.filter((s) => s.kind !== 'grid').map((s) => [s.id, s] as const))('bundled site %s passes', (_id, site) => {
    expect(siteProblems(site, sources)).toEqual([]);
  });

  it('bundled sources pass', () => {
    expect(sourcesProblems(sources)).toEqual([]);
  });

  it('names the field and what is wrong', () => {
    // [what, field path, new value (undefined: deleted), expected problem]
    const cases: [string, (string | number)[], unknown, RegExp][] = [
      ['no geometry', ['levels', 1, 'geometry'], undefined, /^site\.levels\[1\]\.geometry: expected a file path \(found missing\)/],
      ['unknown source', ['indicators', 2, 'source'], 'nowhere', /^site\.indicators\[2\]\.source: expected the key of a source/],
      ['default year', ['defaults', 'year'], 1999, /^site\.defaults\.year: expected a year of the default indicator \(found 1999\)/],
      ['bounds', ['bounds'], [12, 51, 11, 52], /^site\.bounds: expected \[west, south, east, north\]/],
      ['grid', ['kind'], 'grid', /^site\.kind: only sites of areas/],
      ['unit', ['indicators', 0, 'unit'], 'furlongs', /^site\.indicators\[0\]\.unit: expected one of/],
      ['duplicate level', ['levels', 1, 'id'], leipzig.levels[0]!.id, /^site\.levels\[1\]\.id: the id occurs twice/],
      ['ratio', ['indicators', 2, 'agg', 'den'], 'x y', /^site\.indicators\[2\]\.agg\.den: expected a column name/],
      ['years', ['indicators', 0, 'years'], [2020, 2019], /^site\.indicators\[0\]\.years: expected years in ascending order/],
      ['label', ['label'], 'Leipzig', /^site\.label: expected \{"de": …, "en": …\} \(found "Leipzig"\)/],
    ];
    for (const [name, path, value, expected] of cases) {
      const site = clone(leipzig) as unknown as Record<string | number, unknown>;
      const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, site);
      if (value === undefined) delete parent[path.at(-1)!];
      else parent[path.at(-1)!] = value;
      const problems = siteProblems(site, sources);
      expect(problems.some((p) => expected.test(p)), `${name}: ${problems.join(' | ')}`).toBe(true);
    }
    const broken = clone(sources) as Record<string, Partial<(typeof sources)[string]>>;
    delete broken['leipzig-geo']!.attribution;
    expect(sourcesProblems(broken)).toEqual(['sources.leipzig-geo.attribution: expected a text (found missing)']);
    expect(siteProblems(leipzig, {})).toContain('site.geometrySource: expected the key of a source in "sources" (found "leipzig-geo")');
  });

  it('tells the problems in German when the UI is German', () => {
    const site = clone(leipzig) as unknown as Record<string, unknown>;
    delete site.label;
    expect(siteProblems(site, sources, 'site', 'de')).toEqual(['site.label: {"de": …, "en": …} erwartet (gefunden: fehlt)']);
    expect(sourcesProblems({ 'bad key!': {} }, 'sources', 'de')).toEqual(['sources: kein gültiger Quellenschlüssel (gefunden: "bad key!")']);
    expect(readPackage([], 'https://daten.example.org/p/site.json', 'de')).toEqual({ ok: false, problems: ['site.json: ein Objekt {"site": …, "sources": …} erwartet'] });
  });

  it("checks a level's vector tiles and the values per indicator", () => {
    const gemeinden = findBundledSite('gemeinden');
    expect(gemeinden.levels.some((l) => l.tiles) && gemeinden.valueParts).toBeTruthy();
    const site = clone(gemeinden);
    const tiled = site.levels.find((l) => l.tiles)!;
    (tiled.tiles as unknown as Record<string, unknown>).maxzoom = -1;
    (tiled.tiles as unknown as Record<string, unknown>).url = 'a b.pmtiles';
    site.valueParts!.files.nowhere = 'gemeinden/values/nowhere.parquet';
    const problems = siteProblems(site, sources);
    const at = site.levels.indexOf(tiled);
    expect(problems).toContain(`site.levels[${at}].tiles.url: expected a file path (found "a b.pmtiles")`);
    expect(problems).toContain(`site.levels[${at}].tiles.maxzoom: expected a zoom level 0–24 (maxzoom ≥ minzoom) (found -1)`);
    expect(problems).toContain('site.valueParts.files: expected the id of an indicator in the list (found "nowhere")');
    expect(problems).toHaveLength(3);
  });
});

describe('the files of a site', () => {
  it("lists a bundled site's files", () => {
    expect(sitePackageFiles(leipzig)).toEqual([
      'leipzig/areas.csv',
      'leipzig/values.csv',
      'leipzig/first-view.json',
      'leipzig/ortsteil.geojson',
      'leipzig/stadtbezirk.geojson',
      'leipzig/stadt.geojson',
    ]);
  });

  it('collects vector tiles and per-indicator value parts generically', () => {
    const site = {
      ...clone(leipzig),
      levels: [{ ...leipzig.levels[0]!, tiles: { url: 'pmtiles://tiles/ortsteil.pmtiles', layer: 'areas', minzoom: 0, maxzoom: 12 } }],
      valueParts: { format: 'parquet' as const, files: { einwohner: 'values/einwohner.parquet', auslaender: 'values/auslaender.parquet' } },
    };
    const files = sitePackageFiles(site);
    expect(files).toContain('tiles/ortsteil.pmtiles');
    expect(files).toContain('values/einwohner.parquet');
    expect(files).toContain('values/auslaender.parquet');
    expect(files).not.toContain('einwohner');
    const mapped = mapSitePaths(site, (p) => `X/${p}`);
    expect(mapped.levels[0]!.tiles.url).toBe('pmtiles://X/tiles/ortsteil.pmtiles');
    expect(mapped.valueParts.format).toBe('parquet');
    expect(mapped.valueParts.files).toEqual({ einwohner: 'X/values/einwohner.parquet', auslaender: 'X/values/auslaender.parquet' });
    expect(mapped.indicators).toEqual(site.indicators);
  });
});

function packageOf(site: Site): PackageJson {
  return { site: mapSitePaths(clone(site), (p) => p.replace(/^leipzig\//, '')), sources: { 'leipzig-geo': sources['leipzig-geo']!, 'leipzig-stat': sources['leipzig-stat']! } };
}

describe('reading site.json', () => {
  const url = 'https://daten.example.org/pakete/leipzig/site.json';

  it('resolves every path against the URL of site.json and keeps the ids apart from bundled sites', () => {
    const read = readPackage(packageOf(leipzig), url);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const { pkg } = read;
    expect(pkg.site.id).toBe('online-leipzig');
    expect(pkg.origin).toBe('https://daten.example.org');
    expect(pkg.site.online).toEqual({ url, origin: 'https://daten.example.org' });
    expect(sitePackageFiles(pkg.site).map((p) => pkg.files[p])).toEqual(
      ['areas.csv', 'values.csv', 'first-view.json', 'ortsteil.geojson', 'stadtbezirk.geojson', 'stadt.geojson'].map((f) => `https://daten.example.org/pakete/leipzig/${f}`),
    );
    expect(sitePackageFiles(pkg.site).every((p) => p.startsWith('online/online-leipzig/'))).toBe(true);
    expect(pkg.site.geometrySource).toBe('online-leipzig.leipzig-geo');
    expect(pkg.sources[pkg.site.geometrySource]).toEqual(sources['leipzig-geo']);
    expect(new Set(pkg.site.indicators.map((i) => i.source))).toEqual(new Set(['online-leipzig.leipzig-stat']));
  });

  it('allows paths up the same origin, refuses other origins and broken entries', () => {
    const json = packageOf(leipzig);
    json.site.levels[2]!.geometry = '../gemeinsam/stadt.geojson';
    const ok = readPackage(json, url);
    expect(ok.ok && Object.values(ok.pkg.files)).toContain('https://daten.example.org/pakete/gemeinsam/stadt.geojson');
    json.site.values = 'https://andere.example.net/values.csv';
    const foreign = readPackage(json, url);
    expect(foreign).toEqual({ ok: false, problems: ['file "https://andere.example.net/values.csv": resolves to https://andere.example.net, not to the package\'s origin https://daten.example.org'] });
    expect(readPackage([], url)).toEqual({ ok: false, problems: ['site.json: expected an object {"site": …, "sources": …}'] });
    const noSources = readPackage({ site: json.site }, url);
    expect(noSources.ok === false && noSources.problems).toContain('sources: expected {key: source, …} (found missing)');
  });
});

describe('an opened package in the app', () => {
  it('joins the registry with its sources, its files have their URLs, and links carry src', () => {
    const url = 'https://daten.example.org/pakete/leipzig/site.json';
    const read = readPackage(packageOf(leipzig), url);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const registry = new SiteRegistry();
    putOnlineSite(read.pkg.site.id, read.pkg.url, read.pkg.files);
    registry.addOnlineSite(read.pkg.site, read.pkg.sources);
    const site = registry.site('online-leipzig');
    expect(registry.source(site.geometrySource)?.licence).toBe('dl-de/by-2-0');
    expect(registry.site('leipzig')).toBe(leipzig);
    expect(dataUrl(site.levels[0]!.geometry)).toBe('https://daten.example.org/pakete/leipzig/ortsteil.geojson');
    expect(() => onlineFileUrl('online/online-leipzig/99-x.csv')).toThrow(/not known/);
    const { state, notices } = parseViewState(`?site=online-leipzig&src=${encodeURIComponent(url)}`, registry.sites.slice(), 'leipzig');
    expect(notices).toEqual([]);
    const written = serializeViewState(state);
    expect(written).toMatch(/^\?site=online-leipzig&.*&src=[^&]+$/);
    expect(new URLSearchParams(written).get('src')).toBe(url);
    expect(serializeViewState({ ...state, site: 'leipzig' })).not.toContain('src=');
  });
});

describe('the page policy', () => {
  const self = 'https://atlas.example.org';
  const policy = (extra: string) => `default-src 'self'; connect-src 'self' blob: data: https://tiles.openfreemap.org${extra}; img-src 'self'`;
  const allows = (url: string, extra = '') => cspAllowsConnect(new URL(url), policy(extra), self);

  it('allows the own origin and listed ones only', () => {
    expect(allows('https://atlas.example.org/pakete/site.json')).toBe(true);
    expect(allows('https://daten.example.org/site.json')).toBe(false);
    expect(allows('https://daten.example.org/site.json', ' https://daten.example.org')).toBe(true);
    expect(allows('http://daten.example.org/site.json', ' https://daten.example.org')).toBe(false);
    expect(allows('https://daten.example.org:8443/site.json', ' https://daten.example.org')).toBe(false);
    expect(allows('http://127.0.0.1:4217/p/site.json', ' http://127.0.0.1:4217')).toBe(true);
    expect(allows('https://a.cdn.example.net/site.json', ' https://*.cdn.example.net')).toBe(true);
    expect(allows('https://cdn.example.net/site.json', ' https://*.cdn.example.net')).toBe(false);
    expect(allows('https://irgendwo.example/site.json', ' https:')).toBe(true);
    expect(cspAllowsConnect(new URL('https://x.example/site.json'), null, self)).toBe(true);
  });
});

describe('publish-package', () => {
  let out = '';
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'atlas-package-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes Leipzig as a package whose site.json passes and whose files all exist', () => {
    const { siteId, files } = publishPackage('leipzig', out);
    expect(siteId).toBe('leipzig');
    const json = JSON.parse(readFileSync(join(out, 'site.json'), 'utf8')) as PackageJson & { format: string };
    expect(json.format).toBe(PACKAGE_FORMAT);
    expect(siteProblems(json.site, json.sources)).toEqual([]);
    expect(sourcesProblems(json.sources)).toEqual([]);
    expect(Object.keys(json.sources).sort()).toEqual(['leipzig-geo', 'leipzig-stat']);
    const listed = sitePackageFiles(json.site);
    expect(listed.length).toBe(6);
    for (const f of listed) expect(existsSync(join(out, f)), f).toBe(true);
    expect(files.map((f) => f.path).sort()).toEqual(['site.json', ...listed].sort());
    // Byte for byte the bundled files.
    for (const [f, bundled] of listed.map((f, i) => [f, sitePackageFiles(leipzig)[i]!] as const)) {
      expect(Buffer.compare(readFileSync(join(out, f)), readFileSync(join(__dirname, '../../data', bundled))), f).toBe(0);
    }
  });

  it('refuses a grid site and an unknown one', () => {
    expect(() => publishPackage('zensus-grid', join(out, 'grid'))).toThrow(/grid site cannot be published/);
    expect(() => publishPackage('nirgendwo', join(out, 'x'))).toThrow(/no site "nirgendwo"/);
  });

  it('read back as the app reads it (site.json by URL, every file from the package folder), DuckDB gives the bundled values', async () => {
    if (!existsSync(join(out, 'site.json'))) publishPackage('leipzig', out);
    const url = 'https://daten.example.org/leipzig/site.json';
    const read = readPackage(JSON.parse(readFileSync(join(out, 'site.json'), 'utf8')), url);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const online = read.pkg.site;
    const engine = await createNodeEngine();
    const fromPackage = async (path: string) => new Uint8Array(readFileSync(join(out, new URL(read.pkg.files[path]!).pathname.replace('/leipzig/', ''))));
    const cache = new ValueCache(engine, (site) => loadSiteData(engine, site, site.id === online.id ? fromPackage : readDataFile));
    let compared = 0;
    for (const level of ['ortsteil', 'stadtbezirk', 'stadt']) {
      for (const id of ['einwohner', 'arbeitslosenanteil', 'sgb2_quote']) {
        const a = await cache.get(online, level, findIndicator(online, id));
        const b = await cache.get(leipzig, level, findIndicator(leipzig, id));
        expect([...a.byYear.entries()], `${level} ${id}`).toEqual([...b.byYear.entries()]);
        compared += [...a.byYear.values()].flat().filter((r) => r.value !== null).length;
      }
    }
    expect(compared).toBeGreaterThan(3000);
  });
});
