// The pure render functions behind the map, legend and tooltip (src/lib/render),
// on the bundled Leipzig catalog entry with hand-made values.
import { describe, expect, it } from 'vitest';
import { findBundledSite, findIndicator } from '../../src/lib/data/catalog';
import type { AreaValue } from '../../src/lib/data/values';
import { areaColor, classColor, SECRET_COLOR } from '../../src/lib/analysis/class-colors';
import { buildChange, buildGridResult, buildResult, buildSwipe, dataKey, needsAllYears, paintedKeyOf, resultColors, swipeTarget } from '../../src/lib/render/view-result';
import type { LevelData } from '../../src/lib/data/values';
import { areaHoverText } from '../../src/lib/render/hover-text';
import { parseViewState } from '../../src/lib/state/url';
import type { ViewState } from '../../src/lib/state/view-state';

const leipzig = findBundledSite('leipzig');
const share = findIndicator(leipzig, 'auslaenderanteil');
const sgb2 = findIndicator(leipzig, 'sgb2_quote');

function view(query: string): ViewState {
  return parseViewState(query, [leipzig], 'leipzig').state;
}

function row(id: string, year: number, value: number | null, extra: Partial<AreaValue> = {}): AreaValue {
  return { id, year, value, n: 1, present: value === null ? 0 : 1, coverage: null, ...extra };
}

/** Ten areas with values 1..10 in 2020 and 2..20 (doubled) in 2023; area 00 has no value in 2023. */
function levelData(): LevelData {
  const ids = Array.from({ length: 10 }, (_, i) => String(i).padStart(2, '0'));
  const byYear = new Map<number, AreaValue[]>([
    [2020, ids.map((id, i) => row(id, 2020, i + 1))],
    [2023, ids.map((id, i) => row(id, 2023, i === 0 ? null : 2 * (i + 1)))],
  ]);
  const byArea = new Map(ids.map((id) => [id, [...byYear.values()].flatMap((rows) => rows.filter((r) => r.id === id))]));
  return { byYear, byArea };
}

describe('value → colour', () => {
  it('gives the class colour, null for missing values and grey for secret ones', () => {
    const data = levelData();
    const result = buildResult(view('?ind=auslaenderanteil&year=2020&cls=equal&k=5'), leipzig, share, data.byYear.get(2020)!);
    expect(result.classification?.k).toBe(5);
    expect(result.colors).toHaveLength(5);
    expect(classColor(1, result.classification, result.colors)).toBe(result.colors[0]);
    expect(classColor(10, result.classification, result.colors)).toBe(result.colors[4]);
    expect(classColor(null, result.classification, result.colors)).toBeNull();
    expect(classColor(5, null, result.colors)).toBeNull();
    expect(areaColor({ value: null, secret: 'primary' }, result.classification, result.colors)).toBe(SECRET_COLOR);
    const colors = resultColors({ ...result, values: new Map([['a', row('a', 2020, 10)], ['b', row('b', 2020, null, { secret: 'secondary' })]]) });
    expect(colors.get('a')).toBe(result.colors[4]);
    expect(colors.get('b')).toBe(SECRET_COLOR);
  });
});

describe('one year, small multiples, swipe', () => {
  it('classifies the year shown; missing values stay missing, not 0', () => {
    const rows = levelData().byYear.get(2023)!;
    const result = buildResult(view('?ind=auslaenderanteil&year=2023&cls=quantile&k=3'), leipzig, share, rows);
    expect(result.values.get('00')?.value).toBeNull();
    expect(result.classification?.missing).toBe(1);
    expect(result.classification?.min).toBe(4);
    expect(resultColors(result).get('00')).toBeNull();
    expect(result.multiples).toBeNull();
    expect(result.aggregable).toBe(true);
  });

  it('an indicator without counts has no classes above its base level', () => {
    const rows = [row('0', 2022, 12), row('1', 2022, 14)];
    const result = buildResult(view('?level=stadtbezirk&ind=sgb2_quote&year=2022'), leipzig, sgb2, rows);
    expect(result.aggregable).toBe(false);
    expect(result.classification).toBeNull();
    expect(resultColors(result).get('0')).toBeNull();
  });

  it('small multiples: one classification over every year from–to, one map per year', () => {
    const data = levelData();
    const v = view('?ind=auslaenderanteil&year=2023&mode=multiples&from=2020&to=2023&cls=equal&k=4');
    expect(needsAllYears(v)).toBe(true);
    const result = buildResult(v, leipzig, share, data.byYear.get(2023)!, data);
    // Classes span 1..20 (both years), so 2020's 10 and 2023's 10 share a colour.
    expect(result.classification?.min).toBe(1);
    expect(result.classification?.max).toBe(20);
    const years = result.multiples!.filter((m) => m.year === 2020 || m.year === 2023);
    expect(years.map((m) => m.year)).toEqual([2020, 2023]);
    expect(years[0]!.colors.get('09')).toBe(years[1]!.colors.get('04')); // 10 in both
  });

  it('swipe between years: the right map uses the left classes over both years', () => {
    const data = levelData();
    const v = view('?ind=auslaenderanteil&year=2023&mode=swipe&from=2020&cls=equal&k=4');
    const left = buildResult(v, leipzig, share, data.byYear.get(2023)!, data);
    const target = swipeTarget(v, leipzig, share);
    expect(target).toEqual({ ind: share, year: 2020, ownClasses: false });
    const right = buildSwipe(v, leipzig, left, target, data);
    expect(right.classification).toBeNull();
    expect(right.colors.get('09')).toBe(resultColors(left).get('04'));
    expect(right.key).toBe('leipzig|ortsteil|auslaenderanteil|2020');
  });

  it('swipe against a second indicator: own classes in the nearest year it has', () => {
    const v = view('?ind=auslaenderanteil&ind2=migrantenanteil&year=2023&mode=swipe&k=3');
    const target = swipeTarget(v, leipzig, share);
    expect(target.ind.id).toBe('migrantenanteil');
    expect(target.ownClasses).toBe(true);
    const data: LevelData = { byYear: new Map([[2023, [row('a', 2023, 1), row('b', 2023, 5), row('c', 2023, 9)]]]), byArea: new Map() };
    const right = buildSwipe(v, leipzig, buildResult(v, leipzig, share, []), target, data);
    expect(right.classification?.k).toBe(3);
    expect(new Set(right.colors.values()).size).toBe(3);
  });
});

describe('change between two years', () => {
  it('points for a share, diverging classes around zero, both ends for the tooltip; a secret end makes the change secret', () => {
    const data = levelData();
    const rows2023 = data.byYear.get(2023)!.map((r) => (r.id === '05' ? { ...r, value: null, secret: 'primary' as const } : r));
    const secretData: LevelData = { byYear: new Map([[2020, data.byYear.get(2020)!], [2023, rows2023]]), byArea: data.byArea };
    const v = view('?ind=auslaenderanteil&year=2023&mode=change&from=2020&to=2023&k=5');
    const result = buildChange(v, leipzig, share, secretData);
    expect(result.change?.measure).toBe('abs');
    expect(result.values.get('03')?.value).toBe(4); // 4 → 8
    expect(result.change?.ends.get('03')).toEqual([4, 8]);
    expect(result.values.get('00')?.value).toBeNull(); // no value in 2023
    expect(result.values.get('05')?.secret).toBe('primary');
    expect(resultColors(result).get('05')).toBe(SECRET_COLOR);
    expect(result.colors).toHaveLength(5);
    const tooltip = areaHoverText('03', share, result, null, 'de');
    expect(tooltip.note?.replace(/\s/g, ' ')).toBe('2020: 4,0 % → 2023: 8,0 %');
  });
});

describe('keys', () => {
  it('name the data and the classes of a view', () => {
    const v = view('?ind=auslaenderanteil&year=2023&mode=change&from=2020&to=2023&cls=jenks&k=4');
    expect(dataKey(v)).toBe('leipzig|ortsteil|auslaenderanteil|2023|change:2020-2023:auto');
    expect(paintedKeyOf(v, true)).toBe(`${dataKey(v)}|jenks|4|db`);
    expect(paintedKeyOf(v, false)).toBe(`${dataKey(v)}|jenks|4|first`);
  });

  it('a grid result classifies every cell; NaN is missing', () => {
    const v = view('?cls=equal&k=3');
    const result = buildGridResult(v, share, new Float32Array([1, 2, NaN, 3]));
    expect(result.classification?.missing).toBe(1);
    expect(result.classification?.k).toBe(3);
  });
});
