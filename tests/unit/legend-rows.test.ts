// The legend says which end of a class is closed: [a, b) for every class but the last, which holds b too.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/lib/analysis/classify';
import { formatValue } from '../../src/lib/analysis/format';
import { legendRows, rangeLabel } from '../../src/lib/map/legend-rows';

describe('legend class ranges', () => {
  const cls = classify([0, 5, 10, 15, 20], 'manual', 3, [5, 10]);
  const rows = legendRows(cls, ['#a', '#b', '#c'], false);
  const fmt = (v: number) => formatValue(v, 'percent', 1, 'de').replace(/\s/g, ' ');

  it('only the last class is closed at the top, as classOf counts its values', () => {
    expect(rows.map((r) => r.closed)).toEqual([false, false, true]);
    expect(cls.classOf(5)).toBe(1); // 5 belongs to the class that starts at 5
    expect(cls.classOf(20)).toBe(2); // the maximum belongs to the last class
  });

  it('says so in words, in German and English', () => {
    expect(rows.map((r) => rangeLabel(r, fmt, 'de'))).toEqual(['0,0 % bis unter 5,0 %', '5,0 % bis unter 10,0 %', '10,0 % bis 20,0 %']);
    expect(rangeLabel(rows[0]!, String, 'en')).toBe('0 to under 5');
    expect(rangeLabel(rows[2]!, String, 'en')).toBe('10 to 20');
  });
});
