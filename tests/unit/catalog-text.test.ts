// The catalogue's generated text: the thresholds of "etwa gleichauf" / über / deutlich über
// (relative deviation 5 % and 25 %), the change since the first year (percentage points for
// shares, flat below 0.5 points; percent otherwise, flat below 2 %), German and English, and
// no sentence (never a comparison with 0) for a missing value.
import { describe, expect, it } from 'vitest';
import { areaSummary, indicatorSentences, position, seriesChange, type SentenceInput } from '../../src/lib/render/catalog-text';

const base: SentenceInput = {
  area: 'Lindenau',
  label: 'Ausländeranteil',
  unit: 'percent',
  decimals: 1,
  value: 30.7,
  reference: 13.4,
  referenceLevel: 'stadt',
  referenceName: 'Leipzig',
  year: 2023,
  series: [
    { year: 2015, value: 34.8 },
    { year: 2019, value: null },
    { year: 2023, value: 30.7 },
  ],
};

describe('position against the reference', () => {
  it('uses the relative deviation with the documented thresholds', () => {
    expect(position(30.7, 13.4)).toBe('well-above');
    expect(position(12.4, 14.3)).toBe('below'); // −13 %
    expect(position(10.5, 10)).toBe('above'); // +5 % is the edge: above
    expect(position(10.49, 10)).toBe('level');
    expect(position(10.5001, 10)).toBe('above');
    expect(position(12.5, 10)).toBe('well-above');
    expect(position(12.49, 10)).toBe('above');
    expect(position(7.5, 10)).toBe('well-below');
    expect(position(7.51, 10)).toBe('below');
    expect(position(5, null)).toBeNull();
    expect(position(5, 0)).toBeNull();
  });
});

describe('change since the first year', () => {
  it('percentage points for shares, from the first year with a value', () => {
    const c = seriesChange(base.series, 2023, 'percent')!;
    expect(c.from).toBe(2015);
    expect(c.delta).toBeCloseTo(-4.1, 10);
    expect(c.kind).toBe('points');
    expect(c.trend).toBe('down');
    expect(seriesChange([{ year: 2015, value: null }, { year: 2016, value: 5 }, { year: 2023, value: 5.4 }], 2023, 'percent')).toMatchObject({ from: 2016, trend: 'flat' });
  });
  it('percent for other units; nothing from a zero start, a single year or a missing current year', () => {
    expect(seriesChange([{ year: 2015, value: 1000 }, { year: 2023, value: 1100 }], 2023, 'count')).toMatchObject({ delta: 10, kind: 'percent', trend: 'up' });
    expect(seriesChange([{ year: 2015, value: 1000 }, { year: 2023, value: 1015 }], 2023, 'count')!.trend).toBe('flat');
    expect(seriesChange([{ year: 2015, value: 0 }, { year: 2023, value: 5 }], 2023, 'count')).toBeNull();
    expect(seriesChange([{ year: 2023, value: 5 }], 2023, 'percent')).toBeNull();
    expect(seriesChange([{ year: 2015, value: 5 }, { year: 2023, value: null }], 2023, 'percent')).toBeNull();
  });
});

describe('sentences', () => {
  it('German, as in the issue', () => {
    expect(indicatorSentences(base, 'de')).toEqual([
      'Bei „Ausländeranteil“ liegt Lindenau mit 30,7\u00a0% deutlich über dem städtischen Wert von 13,4\u00a0%.',
      'Seit 2015 ist der Wert um 4,1 Prozentpunkte gesunken.',
    ]);
  });
  it('English', () => {
    expect(indicatorSentences(base, 'en')).toEqual([
      'At 30.7%, Lindenau is well above the city value of 13.4% for “Ausländeranteil”.',
      'Since 2015 the value has fallen by 4.1 percentage points.',
    ]);
  });
  it('names the country or another reference area', () => {
    expect(indicatorSentences({ ...base, referenceLevel: 'bund', referenceName: 'Deutschland', value: 13.0 }, 'de')[0]).toContain('etwa gleichauf mit dem bundesweiten Wert von 13,4');
    expect(indicatorSentences({ ...base, referenceLevel: 'land', referenceName: 'Sachsen', value: 12 }, 'de')[0]).toContain('unter dem Wert für Sachsen von 13,4');
  });
  it('a flat change and a change in percent', () => {
    const flat = indicatorSentences({ ...base, series: [{ year: 2015, value: 30.5 }, { year: 2023, value: 30.7 }] }, 'de');
    expect(flat[1]).toBe('Seit 2015 ist der Wert nahezu unverändert (0,2 Prozentpunkte).');
    const rate = indicatorSentences({ ...base, unit: 'per1000', value: 55, reference: 50, series: [{ year: 2015, value: 44 }, { year: 2023, value: 55 }] }, 'de');
    expect(rate[0]).toContain('über dem städtischen Wert von 50,0\u00a0je 1.000');
    expect(rate[1]).toBe('Seit 2015 ist der Wert um 25,0\u00a0% gestiegen.');
  });
  it('no reference: the value only', () => {
    expect(indicatorSentences({ ...base, reference: null, series: [] }, 'de')).toEqual(['Bei „Ausländeranteil“ hat Lindenau 2023 den Wert 30,7\u00a0%.']);
  });
  it('a missing value gives no sentence (never a comparison with 0)', () => {
    expect(indicatorSentences({ ...base, value: null }, 'de')).toEqual([]);
    expect(areaSummary([{ ...base, value: null }], 'de')).toEqual([]);
  });
  it('the summary takes the indicators furthest from their reference, at most three', () => {
    const inputs = [
      { ...base, label: 'A', value: 14, reference: 13.4 },
      { ...base, label: 'B', value: 30.7 },
      { ...base, label: 'C', value: 5, reference: 13.4 },
      { ...base, label: 'D', value: 20, reference: 13.4 },
      { ...base, label: 'E', value: null },
    ];
    const text = areaSummary(inputs, 'de');
    expect(text).toHaveLength(3);
    expect(text.map((s) => s.match(/„(.)“/)![1])).toEqual(['B', 'C', 'D']);
  });
});
