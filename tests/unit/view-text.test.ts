import { describe, expect, it } from 'vitest';
import { parseBreaksInput } from '../../src/lib/state/breaks-input';
import { parseNumberInput } from '../../src/lib/state/number-input';
import { describeValue } from '../../src/lib/render/describe';
import { translate } from '../../src/lib/i18n';
import { de } from '../../src/lib/i18n/de';
import { en } from '../../src/lib/i18n/en';
import { importDe } from '../../src/lib/i18n/import-de';
import { importEn } from '../../src/lib/i18n/import-en';
import { panelsDe } from '../../src/lib/i18n/panels-de';
import { panelsEn } from '../../src/lib/i18n/panels-en';
import { findIndicator, findBundledSite } from '../../src/lib/data/catalog';

describe('one number typed by a user (the scatter range fields)', () => {
  it('reads decimal comma, decimal point, thousands points, minus signs; empty is null', () => {
    expect(parseNumberInput('12,5')).toBe(12.5);
    expect(parseNumberInput(' 12.5 ')).toBe(12.5);
    expect(parseNumberInput('1.234,5')).toBe(1234.5);
    expect(parseNumberInput('-3')).toBe(-3);
    expect(parseNumberInput('−0,25')).toBe(-0.25);
    expect(parseNumberInput(',5')).toBe(0.5);
    expect(parseNumberInput('')).toBeNull();
    expect(parseNumberInput('   ')).toBeNull();
  });

  it('gives NaN for what is not a number, so that the field can say so', () => {
    for (const text of ['zehn', '12,5 %', '1e3', '--2', '1,2,3', 'Infinity', '0x10']) expect(parseNumberInput(text), text).toBeNaN();
  });
});

describe('manual breaks typed by a user', () => {
  it('reads German and English numbers separated by semicolons', () => {
    expect(parseBreaksInput('5; 10,5; 1.234,5')).toEqual([5, 10.5, 1234.5]);
    expect(parseBreaksInput('2.5;7.5;12')).toEqual([2.5, 7.5, 12]);
    expect(parseBreaksInput('10; 5; 20')).toEqual([5, 10, 20]);
  });

  it('rejects what is not a list of 2 to 8 distinct numbers', () => {
    expect(parseBreaksInput('')).toBeNull();
    expect(parseBreaksInput('5')).toBeNull();
    expect(parseBreaksInput('5; abc')).toBeNull();
    expect(parseBreaksInput('5; 5')).toBeNull();
    expect(parseBreaksInput('1;2;3;4;5;6;7;8;9')).toBeNull();
  });
});

describe('value text for tooltips and the selection', () => {
  const leipzig = findBundledSite('leipzig');
  const share = findIndicator(leipzig, 'auslaenderanteil');
  const quote = findIndicator(leipzig, 'sgb2_quote');

  it('formats a value in German and English', () => {
    const v = { id: '00', year: 2023, value: 12.345, n: 1, present: 1, coverage: null };
    expect(describeValue(v, share, true, 'de')).toEqual({ text: '12,3\u00a0%', note: null });
    expect(describeValue(v, share, true, 'en').text).toBe('12.3%');
  });

  it('says "keine Angabe" for missing, never 0, and why an aggregate is missing', () => {
    expect(describeValue({ id: '0', year: 2000, value: null, n: 1, present: 0, coverage: null }, share, true, 'de').text).toBe('keine Angabe');
    const partial = describeValue({ id: '5', year: 2000, value: null, n: 8, present: 7, coverage: null }, share, true, 'de');
    expect(partial.text).toBe('keine Angabe');
    expect(partial.note).toBe('unvollständig: 7 von 8 Teilgebieten mit Angabe');
    expect(describeValue(undefined, quote, false, 'en')).toEqual({ text: 'no data', note: 'not aggregable' });
    const covered = describeValue({ id: '14', year: 2022, value: 4.56, n: 10, present: 9, coverage: 0.987 }, share, true, 'de');
    expect(covered).toEqual({ text: '4,6\u00a0%', note: 'aus 9 von 10 Teilgebieten (98,7\u00a0% der Bezugsgröße; übrige geheim gehalten)' });
  });
});

describe('dictionaries', () => {
  it("have the same keys and placeholders in German and English (the import dialog's too)", () => {
    for (const [g, e] of [[de, en], [importDe, importEn], [panelsDe, panelsEn]] as [Record<string, string>, Record<string, string>][]) {
      expect(Object.keys(e).sort()).toEqual(Object.keys(g).sort());
      for (const key of Object.keys(g)) {
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(e[key]!), key).toEqual(names(g[key]!));
      }
    }
    // no key in both
    expect(Object.keys(importDe).filter((k) => k in de || k in panelsDe)).toEqual([]);
    expect(Object.keys(panelsDe).filter((k) => k in de)).toEqual([]);
  });

  it("add the import dialog's texts when it loads, and show a key not loaded yet", async () => {
    expect(translate('de', 'import.title')).toBe('import.title');
    await import('../../src/lib/i18n/import-messages');
    expect(translate('de', 'import.title')).toBe('Eigene Daten importieren');
    expect(translate('en', 'import.title')).toBe('Import your own data');
  });

  it('fill placeholders', () => {
    expect(translate('de', 'legend.areas', { count: 13 })).toBe('13 Gebiete');
    expect(translate('en', 'tooltip.year', { year: 2022 })).toBe('Year 2022');
  });
});

describe('year ranges', () => {
  it('compacts consecutive years', async () => {
    const { yearRanges } = await import('../../src/lib/analysis/years');
    expect(yearRanges([2000, 2001, 2002, 2005, 2007, 2008])).toBe('2000–2002, 2005, 2007–2008');
    expect(yearRanges([2011])).toBe('2011');
    expect(yearRanges([])).toBe('');
  });
});
