import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue, unitLabel } from '../../src/lib/analysis/format';

const NBSP = '\u00A0';

describe('formatValue (de)', () => {
  it('percent with a no-break space U+00A0', () => {
    expect(formatValue(12.34, 'percent', 1, 'de')).toBe(`12,3${NBSP}%`);
    expect(formatValue(15.99, 'percent', 1, 'de')).toBe(`16,0${NBSP}%`);
    expect(formatValue(12.34, 'percent', 1, 'de')).not.toContain('\u202F');
  });

  it('rounds half away from zero on the decimal value', () => {
    expect(formatValue(7.25, 'percent', 1, 'de')).toBe(`7,3${NBSP}%`);
    // the double nearest to 1.005 is 1.00499999999999989…; (1.005).toFixed(2) gives "1.00"
    expect(formatNumber(1.005, 2, 'de')).toBe('1,01');
    expect(formatNumber(0.285, 2, 'de')).toBe('0,29');
    expect(formatNumber(-7.25, 1, 'de')).toBe('-7,3');
    expect(formatNumber(2.5, 0, 'de')).toBe('3');
  });

  it('never shows a negative zero', () => {
    expect(formatNumber(-0.04, 1, 'de')).toBe('0,0');
    expect(formatNumber(-0, 0, 'en')).toBe('0');
  });

  it('counts and thousands separators', () => {
    expect(formatValue(1234, 'count', 0, 'de')).toBe('1.234');
    expect(formatValue(1234567.8, 'count', 0, 'de')).toBe('1.234.568');
  });

  it('other units', () => {
    expect(formatValue(1234.5, 'km2', 1, 'de')).toBe(`1.234,5${NBSP}km²`);
    expect(formatValue(12.3, 'years', 1, 'de')).toBe(`12,3${NBSP}Jahre`);
    expect(formatValue(1, 'years', 0, 'de')).toBe(`1${NBSP}Jahr`);
    expect(formatValue(34567, 'eur', 0, 'de')).toBe(`34.567${NBSP}€`);
    expect(formatValue(34.6, 'keur', 1, 'de')).toBe(`34,6${NBSP}Tsd.${NBSP}€`);
    expect(formatValue(12.3, 'per1000', 1, 'de')).toBe(`12,3${NBSP}je 1.000`);
    expect(formatValue(5, 'per10000', 0, 'de')).toBe(`5${NBSP}je 10.000`);
    expect(formatValue(4321, 'perkm2', 0, 'de')).toBe(`4.321${NBSP}je km²`);
  });

  it('missing values', () => {
    expect(formatValue(null, 'percent', 1, 'de')).toBe('keine Angabe');
    expect(formatValue(undefined, 'count', 0, 'de')).toBe('keine Angabe');
    expect(formatValue(NaN, 'count', 0, 'de')).toBe('keine Angabe');
    expect(formatNumber(Infinity, 0, 'de')).toBe('keine Angabe');
  });
});

describe('formatValue (en)', () => {
  it('formats English variants', () => {
    expect(formatValue(12.34, 'percent', 1, 'en')).toBe('12.3%');
    expect(formatValue(7.25, 'percent', 1, 'en')).toBe('7.3%');
    expect(formatValue(1234, 'count', 0, 'en')).toBe('1,234');
    expect(formatValue(1234.5, 'km2', 1, 'en')).toBe(`1,234.5${NBSP}km²`);
    expect(formatValue(34567, 'eur', 0, 'en')).toBe('€34,567');
    expect(formatValue(-34567, 'eur', 0, 'en')).toBe('-€34,567');
    expect(formatValue(34.6, 'keur', 1, 'en')).toBe('€34.6k');
    expect(formatValue(12.3, 'years', 1, 'en')).toBe(`12.3${NBSP}years`);
    expect(formatValue(12.3, 'per1000', 1, 'en')).toBe(`12.3${NBSP}per 1,000`);
    expect(formatValue(null, 'percent', 1, 'en')).toBe('no data');
  });
});

describe('formatNumber', () => {
  it('uses fixed decimals and clamps invalid decimals', () => {
    expect(formatNumber(3, 2, 'de')).toBe('3,00');
    expect(formatNumber(3.14159, -1, 'en')).toBe('3');
    expect(formatNumber(3.14159, 2.4, 'en')).toBe('3.14');
  });
});

describe('unitLabel', () => {
  it('returns captions in both languages', () => {
    expect(unitLabel('percent', 'de')).toBe('%');
    expect(unitLabel('count', 'de')).toBe('Anzahl');
    expect(unitLabel('count', 'en')).toBe('count');
    expect(unitLabel('per1000', 'de')).toBe('je 1.000 Einw.');
    expect(unitLabel('per1000', 'en')).toBe('per 1,000 residents');
    expect(unitLabel('perkm2', 'de')).toBe('Einw. je km²');
    expect(formatValue(1.784, 'persons', 2, 'de')).toBe(`1,78${NBSP}Pers.`);
    expect(unitLabel('persons', 'en')).toBe('persons per household');
  });
});
