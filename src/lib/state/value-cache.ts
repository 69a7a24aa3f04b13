import type { Indicator, Site } from '../data/catalog-types';
import { applySecrecy, isSecret } from '../analysis/suppression';
import { applyProgrammeSecrecy, type Membership } from '../analysis/programme-secrecy';
import { baseLevel } from '../data/catalog';
import { PROGRAMME_LEVEL, type ProgrammeArea } from '../data/programme-areas';
import type { GridTownFigures } from './grid-towns';
import type { Engine } from '../db/engine';
import { areaLevel, levelAreas, levelPoints, levelSeries, levelYearValues, type AreaInfo, type YearValue } from '../db/queries';
import type { AreaPoint, AreaValue } from '../data/values';
import { gridColumn, gridPositions } from '../db/grid';
import type { LevelData } from '../data/values';
import type { RestReference } from '../data/programme-rest-reference';
import { levelYearColumns, YearColumnStore, yearRowsOf, type YearColumns } from '../db/year-columns';


const MAX_ENTRIES = 96;
/** Bytes of years kept column-wise (a year of 100,000 areas takes about 1.2 MB). */
const YEAR_COLUMN_BYTES = 64 * 1024 * 1024;
/** Rows kept as objects besides (about 100 bytes each): every year of the Gemeinden, or six views of 100,000 areas. */
const ROW_MEMO = 600_000;

/**
 * Answers from DuckDB, kept per site × level × indicator with all years, so
 * that a year switch needs no query and sparklines come from the same answer.
 * Idle time prefetches the other indicators of the level shown.
 */
export class ValueCache {
  private readonly entries = new Map<string, Promise<LevelData>>();
  /** Everything else asked once per key: site loads, grids, area lists, names, levels. */
  private readonly memo = new Map<string, Promise<unknown>>();
  private prefetching = '';

  /** Every site loaded so far (ensureSite), for ensureAllIndicators. */
  private readonly sitesAsked = new Map<string, Site>();

  /**
   * `loadIndicators` puts the observations of a site's indicators into DuckDB if they are not there
   * yet (a site with value parts: db/value-parts.ts ensureIndicatorsLoaded); the default is a site
   * whose values all came with loadSite.
   */
  constructor(
    private readonly engine: Engine,
    private readonly loadSite: (site: Site) => Promise<void>,
    private readonly loadIndicators: (site: Site, ids: readonly string[], years?: readonly number[]) => Promise<void> = async () => {},
  ) {}

  /** The answer for `key`, computed on first request; a failure is forgotten so it can be retried. */
  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let value = this.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = make();
      this.memo.set(key, value);
      value.catch(() => this.memo.delete(key));
    }
    return value;
  }

  /** Loads a site's data into DuckDB once. */
  ensureSite(site: Site): Promise<void> {
    this.sitesAsked.set(site.id, site);
    return this.once(`site|${site.id}`, () => this.loadSite(site));
  }

  /**
   * The site loaded, and the observations of these indicators in DuckDB: the one place every
   * answer about an indicator waits for (a site with value parts reads an indicator's file when it
   * is first asked for, so no view reads an indicator that is not loaded yet as empty).
   */
  async ensureIndicators(site: Site, ids: readonly string[], years?: readonly number[]): Promise<void> {
    await this.ensureSite(site);
    if (!site.valueParts) return;
    await this.loadIndicators(site, ids, years);
    if (years === undefined) for (const id of ids) this.partsLoaded.add(`${site.id}|${id}`);
  }

  /** Whether a site reads its values year by year (value parts with a row group per year). */
  private static byYear(site: Site): boolean {
    return site.valueParts?.rowGroups === 'year' && site.kind !== 'grid';
  }

  /**
   * The rows of one year of an indicator at a level, as get() would give them, reading only that
   * year's values (a site with value parts by year; kept as a one-year entry). Null when get() is to
   * answer: another site, secrecy on (it needs whole answers), or the answer of every year is held.
   */
  async yearRows(site: Site, level: string, ind: Indicator, year: number): Promise<AreaValue[] | null> {
    if (!ValueCache.byYear(site) || this.secrecy > 1 || this.entries.has(`${site.id}|${level}|${ind.id}`)) return null;
    const columns = await this.yearColumns(site, level, ind, year);
    // The rows of the last few years asked (as many as make ROW_MEMO rows): a switch back to one costs nothing.
    const key = `${site.id}|${level}|${ind.id}|${year}`;
    const memo = this.rowMemo.get(key);
    if (memo?.columns === columns) return memo.rows;
    const rows = yearRowsOf(columns);
    this.rowMemo.delete(key);
    this.rowMemo.set(key, { columns, rows });
    let held = 0;
    for (const m of this.rowMemo.values()) held += m.rows.length;
    for (const [k, m] of this.rowMemo) {
      if (held <= ROW_MEMO || this.rowMemo.size <= 1) break;
      this.rowMemo.delete(k);
      held -= m.rows.length;
    }
    return rows;
  }

  /** Rows given out by yearRows lately, with the columns they came from. */
  private readonly rowMemo = new Map<string, { columns: YearColumns; rows: AreaValue[] }>();

  /** One year of an indicator at a level, column-wise (db/year-columns.ts): asked once, kept within YEAR_COLUMN_BYTES. */
  private yearColumns(site: Site, level: string, ind: Indicator, year: number): Promise<YearColumns> {
    const key = `${site.id}|${level}|${ind.id}|${year}`;
    const held = this.years.get(key);
    if (held) return Promise.resolve(held);
    let asked = this.yearsAsked.get(key);
    if (!asked) {
      const levelKey = `${site.id}|${level}`;
      asked = this.ensureIndicators(site, [ind.id], [year])
        .then(() => levelYearColumns(this.engine, site, ind, level, year, this.years.idsOf(levelKey)))
        .then((columns) => {
          if (this.yearsAsked.get(key) === asked) this.years.set(key, levelKey, columns);
          return columns;
        })
        .finally(() => {
          if (this.yearsAsked.get(key) === asked) this.yearsAsked.delete(key);
        });
      this.yearsAsked.set(key, asked);
    }
    return asked;
  }

  /** Years asked for column-wise (site|level|indicator|year), and those being asked. */
  private readonly years = new YearColumnStore(YEAR_COLUMN_BYTES);
  private readonly yearsAsked = new Map<string, Promise<YearColumns>>();

  /** site|indicator of the value parts loaded with every year (prefetch reads no new ones). */
  private readonly partsLoaded = new Set<string>();

  /** Every indicator of every site loaded so far in DuckDB (the SQL console reads the tables directly). */
  async ensureAllIndicators(): Promise<void> {
    await Promise.all([...this.sitesAsked.values()].map((site) => this.ensureIndicators(site, site.indicators.map((i) => i.id))));
  }

  /** Statistical secrecy threshold applied to every answer (0 = off); see setSecrecy. */
  private secrecy = 0;

  /** Values based on fewer than `threshold` persons are hidden from every answer from now on. */
  setSecrecy(threshold: number): void {
    if (threshold === this.secrecy) return;
    this.secrecy = threshold;
    for (const key of [...this.entries.keys()]) if (key.includes('|sec')) this.entries.delete(key);
    for (const key of [...this.memo.keys()]) if (key.startsWith('psec|')) this.memo.delete(key);
  }

  get(site: Site, level: string, ind: Indicator): Promise<LevelData> {
    if (this.secrecy > 1 && site.kind !== 'grid') return this.getSecret(site, level, ind, this.secrecy);
    return this.getRaw(site, level, ind);
  }

  private getSecret(site: Site, level: string, ind: Indicator, threshold: number): Promise<LevelData> {
    return this.cached(`${site.id}|${level}|${ind.id}|sec${threshold}`, async () => {
      // With programme areas, the base areas and the programme areas are suppressed together, so that no
      // area, overlap or rest of the city gives a hidden base value away by subtraction.
      const base = baseLevel(site).id;
      if (level === base || level === PROGRAMME_LEVEL) {
        const both = await this.programmeSecrecy(site, ind, threshold);
        if (both) return group(level === base ? both.base : both.programme);
      }
      const [data, areas] = await Promise.all([this.getRaw(site, level, ind), this.areas(site, level)]);
      const rows = [...data.byYear.values()].flat();
      return group(applySecrecy(rows, (id) => areas.get(id)?.parent ?? null, threshold));
    });
  }

  /** Base and programme level suppressed together (null: the site has no programme areas); memoised until an edit or a new threshold. */
  private async programmeSecrecy(site: Site, ind: Indicator, threshold: number): Promise<ReturnType<typeof applyProgrammeSecrecy> | null> {
    const { membership, references } = await this.membership(site);
    if (membership.size === 0) return null;
    const base = baseLevel(site).id;
    return this.once(`psec|${site.id}|${ind.id}|${threshold}`, async () => {
      const [baseData, programmeData, baseAreas] = await Promise.all([this.getRaw(site, base, ind), this.getRaw(site, PROGRAMME_LEVEL, ind), this.areas(site, base)]);
      return applyProgrammeSecrecy(
        [...baseData.byYear.values()].flat(),
        [...programmeData.byYear.values()].flat(),
        (id) => baseAreas.get(id)?.parent ?? null,
        membership,
        threshold,
        new Map([...references].map(([id, r]) => [id, r.baseIds])),
      );
    });
  }

  /**
   * The rest of each programme area of a site within its reference ("übrige Stadt": the city minus the
   * area; "übriger Landkreis": its Kreis minus the area; restReferences), from counts, by programme area id, every year; not for grid sites. With secrecy on, a rest is
   * hidden where the joint suppression of base and programme areas hides it (with its area), or when it
   * rests on fewer persons than the threshold.
   */
  rest(site: Site, ind: Indicator): Promise<LevelData> {
    const threshold = this.secrecy;
    const raw = () =>
      this.cached(`${site.id}|${PROGRAMME_LEVEL}|${ind.id}|rest`, () =>
        this.ensureIndicators(site, [ind.id])
          .then(() => import('../db/programme-rest'))
          .then(({ programmeRestSeries }) => programmeRestSeries(this.engine, site, ind))
          .then(group),
      );
    if (!(threshold > 1)) return raw();
    return this.cached(`${site.id}|${PROGRAMME_LEVEL}|${ind.id}|rest|sec${threshold}`, async () => {
      const [data, both] = await Promise.all([raw(), this.programmeSecrecy(site, ind, threshold)]);
      const rows = [...data.byYear.values()].flat().map((row): AreaValue => {
        const primary = isSecret(row.basis ?? null, threshold);
        const hidden = primary || both?.restHidden.get(row.year)?.has(row.id) === true;
        // A missing value stays missing ("keine Angabe"): there is nothing to hide.
        return hidden && row.value !== null ? { ...row, value: null, secret: primary ? 'primary' : 'secondary' } : row;
      });
      return group(rows);
    });
  }

  /**
   * The values of several indicators of a level, each in one year: one map area id → value (and
   * bound of a value known only as "below") per pick, in the order of `picks`. Answers already held
   * (all years) are used as they are; the others come in ONE query for just those years (not kept:
   * a one-year answer is no all-years entry). With secrecy on, or on a grid site, every indicator
   * goes through get() (secrecy needs whole answers).
   */
  async yearValues(site: Site, level: string, picks: readonly { ind: Indicator; year: number }[]): Promise<Map<string, YearValue>[]> {
    const whole = this.secrecy > 1 || site.kind === 'grid';
    const missing = whole ? [] : picks.filter((p) => !this.entries.has(`${site.id}|${level}|${p.ind.id}`));
    const held = picks.filter((p) => !missing.includes(p));
    const [datas, queried] = await Promise.all([
      Promise.all(held.map((p) => this.get(site, level, p.ind))),
      missing.length === 0
        ? []
        : Promise.all(missing.map((p) => this.ensureIndicators(site, [p.ind.id], [p.year]))).then(() => levelYearValues(this.engine, site, missing, level)),
    ]);
    return picks.map((p) => {
      const m = missing.indexOf(p);
      if (m >= 0) return queried[m]!;
      const rows = datas[held.indexOf(p)]!.byYear.get(p.year) ?? [];
      return new Map(rows.map((r) => [r.id, { value: r.value, below: r.below ?? null }]));
    });
  }

  private getRaw(site: Site, level: string, ind: Indicator): Promise<LevelData> {
    return this.cached(`${site.id}|${level}|${ind.id}`, () =>
      this.ensureIndicators(site, [ind.id])
        .then(() => (site.kind === 'grid' ? this.gridSeries(site, level, ind) : levelSeries(this.engine, site, ind, level)))
        .then(group),
    );
  }

  /** A grid site: its programme areas from their cells; at the cells' level the whole grid (the reference). */
  private async gridSeries(site: Site, level: string, ind: Indicator): Promise<AreaValue[]> {
    const { gridProgrammeSeries, gridTotalSeries } = await import('../db/grid-programme');
    return level === PROGRAMME_LEVEL ? gridProgrammeSeries(this.engine, site, ind) : gridTotalSeries(this.engine, site, ind);
  }

  private cached(key: string, make: () => Promise<LevelData>): Promise<LevelData> {
    let entry = this.entries.get(key);
    if (entry) {
      // Refresh its place in the insertion order (least recently used goes first).
      this.entries.delete(key);
    } else {
      entry = make();
      entry.catch(() => this.entries.delete(key));
    }
    this.entries.set(key, entry);
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }

  /** Each programme area's members and weights as DuckDB holds them, and the area its rest lies in (for secrecy), once per edit. */
  private membership(site: Site): Promise<{ membership: Membership; references: Map<string, RestReference & { baseIds: string[] }> }> {
    return this.once(`membership|${site.id}`, async () => {
      await this.ensureSite(site);
      const [{ programmeMembership }, { programmeRestReferences }] = await Promise.all([import('../db/programme-areas'), import('../db/programme-rest')]);
      const membership = await programmeMembership(this.engine, site);
      return { membership, references: membership.size === 0 ? new Map() : await programmeRestReferences(this.engine, site) };
    });
  }

  /** The area each programme area's rest lies in (its city, Kreis, Land), by programme area id; absent: the whole site. */
  async restReferences(site: Site): Promise<ReadonlyMap<string, RestReference>> {
    return site.kind === 'grid' ? new Map() : (await this.membership(site)).references;
  }

  /**
   * Grid sites: each programme area's town (the Gemeinde at its label point) and the town's value of
   * `ind`, estimated from the cells with their centre in it (state/grid-towns.ts, loaded on first use).
   */
  async gridTowns(site: Site, ind: Indicator, areas: readonly ProgrammeArea[]): Promise<GridTownFigures> {
    await this.ensureSite(site);
    const { gridTownFigures } = await import('./grid-towns');
    return gridTownFigures(this.engine, site, ind, areas);
  }

  /** Cell centres of a grid site (lon, lat interleaved), once. */
  gridCells(site: Site): Promise<{ count: number; positions: Float32Array }> {
    return this.once(`grid|${site.id}`, () => this.ensureSite(site).then(() => gridPositions(this.engine, site.id)));
  }

  /** One value per cell (NaN = suppressed), in the order of gridCells. */
  gridValues(site: Site, ind: Indicator): Promise<Float32Array> {
    return this.once(`grid|${site.id}|${ind.column}`, () =>
      this.ensureSite(site).then(() => gridColumn(this.engine, site.id, ind.column)),
    );
  }

  /** The level of an area id in a site, or null. */
  level(site: Site, id: string): Promise<string | null> {
    return this.once(`level|${site.id}|${id}`, () => this.ensureSite(site).then(() => areaLevel(this.engine, site, id)));
  }

  /** A label point inside each area of a level. */
  points(site: Site, level: string): Promise<AreaPoint[]> {
    return this.once(`points|${site.id}|${level}`, () => this.ensureSite(site).then(() => levelPoints(this.engine, site, level)));
  }

  /** A level's areas (name, parent), by id. */
  areas(site: Site, level: string): Promise<ReadonlyMap<string, AreaInfo>> {
    return this.once(`areas|${site.id}|${level}`, () =>
      this.ensureSite(site)
        .then(() => levelAreas(this.engine, site, level))
        .then((rows) => new Map(rows.map((a) => [a.id, a]))),
    );
  }

  /** Names of a level's areas, by id (the same map on every call, so views only update when it changes). */
  names(site: Site, level: string): Promise<ReadonlyMap<string, string>> {
    return this.once(`names|${site.id}|${level}`, async () => {
      const areas = await this.areas(site, level);
      return new Map([...areas].map(([id, a]) => [id, a.name]));
    });
  }

  /** Drops years kept column-wise, and the asks under way (their answers are not kept then). */
  private forgetYears(drop: (key: string) => boolean): void {
    this.years.forget(drop);
    for (const key of [...this.yearsAsked.keys()]) if (drop(key)) this.yearsAsked.delete(key);
  }

  /** Forgets everything of a site (a deleted import). */
  forget(siteId: string): void {
    this.sitesAsked.delete(siteId);
    this.forgetYears((key) => key.startsWith(`${siteId}|`));
    for (const map of [this.entries, this.memo] as Map<string, unknown>[]) {
      for (const key of [...map.keys()]) if (key.startsWith(`${siteId}|`) || key.includes(`|${siteId}|`) || key.endsWith(`|${siteId}`)) map.delete(key);
    }
  }

  /** Forgets the answers for some indicators of a site at every level (their rows were rewritten: formula indicators). */
  forgetIndicators(siteId: string, ids: readonly string[]): void {
    this.forgetYears((key) => {
      const [site, , ind] = key.split('|');
      return site === siteId && ind !== undefined && ids.includes(ind);
    });
    for (const key of [...this.entries.keys()]) {
      const [site, , ind] = key.split('|');
      if (site === siteId && ind !== undefined && ids.includes(ind)) this.entries.delete(key);
    }
  }

  /** Forgets one level of a site (its areas were replaced: programme areas edited). */
  forgetLevel(siteId: string, level: string): void {
    this.forgetYears((key) => key.startsWith(`${siteId}|${level}|`));
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${siteId}|${level}|`)) this.entries.delete(key);
    if (level === PROGRAMME_LEVEL) {
      // The base level's secrecy depends on the programme areas too.
      this.memo.delete(`membership|${siteId}`);
      for (const key of [...this.memo.keys()]) if (key.startsWith(`psec|${siteId}|`)) this.memo.delete(key);
      for (const key of [...this.entries.keys()]) if (key.startsWith(`${siteId}|`) && key.includes('|sec')) this.entries.delete(key);
    }
    for (const key of [...this.memo.keys()]) {
      if (key === `areas|${siteId}|${level}` || key === `names|${siteId}|${level}` || key === `points|${siteId}|${level}` || key.startsWith(`level|${siteId}|`)) {
        this.memo.delete(key);
      }
    }
  }

  /**
   * Loads the level's other indicators one by one, each after the browser has been idle. A site with
   * value parts by year (given the `year` and indicator shown): years column-wise, no row objects kept
   * (the JS heap stays small) — the neighbouring years of the one shown, then `year` of every other
   * indicator (an indicator switch then neither reads a file nor asks DuckDB), then the shown one's
   * other years, nearest first (a year switch then asks nothing), then its every year into DuckDB (for
   * the trend). Other sites with value parts: only indicators already in DuckDB, so that idle time
   * fetches none nobody asked for.
   */
  prefetch(site: Site, level: string, year?: number, shown?: Indicator): void {
    const byYear = ValueCache.byYear(site) && year !== undefined && this.secrecy <= 1;
    const token = byYear ? `${site.id}|${level}|${year}|${shown?.id ?? ''}` : `${site.id}|${level}`;
    if (this.prefetching === token) return;
    this.prefetching = token;
    const parts = site.valueParts?.files;
    let jobs: (() => Promise<unknown>)[];
    if (byYear) {
      const missing = (i: Indicator, y: number) => !this.years.has(`${site.id}|${level}|${i.id}|${y}`);
      const yearsOf = (i: Indicator) => [...i.years].filter((y) => y !== year && missing(i, y)).sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b);
      const shownYears = shown ? yearsOf(shown).map((y) => () => this.yearColumns(site, level, shown, y)) : [];
      const others = site.indicators.filter((i) => i.id !== shown?.id && i.years.includes(year) && missing(i, year)).map((i) => () => this.yearColumns(site, level, i, year));
      jobs = [...shownYears.slice(0, 2), ...others, ...shownYears.slice(2), ...(shown ? [() => this.ensureIndicators(site, [shown.id])] : [])];
    } else {
      jobs = site.indicators
        .filter((i) => !parts || parts[i.id] === undefined || this.partsLoaded.has(`${site.id}|${i.id}`))
        .map((i) => () => this.get(site, level, i));
    }
    const next = (): void => {
      const job = jobs.shift();
      if (!job || this.prefetching !== token) return;
      const run = () => void job().then(next, next);
      if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 500 });
      else setTimeout(run, 50);
    };
    next();
  }
}

function group(rows: AreaValue[]): LevelData {
  const byYear = new Map<number, AreaValue[]>();
  const byArea = new Map<string, AreaValue[]>();
  for (const row of rows) {
    let y = byYear.get(row.year);
    if (!y) byYear.set(row.year, (y = []));
    y.push(row);
    let a = byArea.get(row.id);
    if (!a) byArea.set(row.id, (a = []));
    a.push(row);
  }
  return { byYear, byArea };
}
