import { describe, expect, it } from 'vitest';
import { parseGermanNumber } from '../../src/lib/analysis/german-number';
import { parseNumber } from '../../src/lib/io/import/table/numbers';
import { parseNumberInput } from '../../src/lib/state/number-input';

describe('parseGermanNumber: the one number parser', () => {
  it('reads German numbers by default: decimal comma, points group thousands', () => {
    expect(parseGermanNumber('1.234,5')).toBe(1234.5);
    expect(parseGermanNumber('1.234')).toBe(1234);
    expect(parseGermanNumber('12,5')).toBe(12.5);
    expect(parseGermanNumber(',5')).toBe(0.5);
    expect(parseGermanNumber('1.234.567,25')).toBe(1234567.25);
    expect(parseGermanNumber('1 234,5')).toBe(1234.5);
    expect(parseGermanNumber('1\u00a0234')).toBe(1234);
    expect(parseGermanNumber('  42 ')).toBe(42);
  });

  it('reads signs: "+", "-", a typeset minus and an en dash in front', () => {
    expect(parseGermanNumber('-4,2')).toBe(-4.2);
    expect(parseGermanNumber('+4,2')).toBe(4.2);
    expect(parseGermanNumber('−0,25')).toBe(-0.25);
    expect(parseGermanNumber('–3')).toBe(-3);
  });

  it('groups thousands only in threes', () => {
    expect(parseGermanNumber('1.23,4')).toBeNull();
    expect(parseGermanNumber('12.34')).toBeNull();
    expect(parseGermanNumber('1.2345')).toBeNull();
    expect(parseGermanNumber('12 5')).toBeNull();
  });

  it('reads English numbers when told: "1,234" is 1234', () => {
    expect(parseGermanNumber('1,234.5', { decimal: '.' })).toBe(1234.5);
    expect(parseGermanNumber('1,234', { decimal: '.' })).toBe(1234);
    expect(parseGermanNumber('1.234', { decimal: '.' })).toBe(1.234);
    expect(parseGermanNumber('1.234,5', { decimal: '.' })).toBeNull();
  });

  it("'auto' (a form that takes either convention): a comma makes it German, else the point is decimal", () => {
    expect(parseGermanNumber('1.234', { decimal: 'auto' })).toBe(1.234);
    expect(parseGermanNumber('12.5', { decimal: 'auto' })).toBe(12.5);
    expect(parseGermanNumber('1.234,5', { decimal: 'auto' })).toBe(1234.5);
    expect(parseGermanNumber('1,234', { decimal: 'auto' })).toBe(1.234);
    expect(parseGermanNumber('1,234.5', { decimal: 'auto' })).toBeNull();
  });

  it('reads an exponent unless told not to', () => {
    expect(parseGermanNumber('1,5E+07')).toBe(1.5e7);
    expect(parseGermanNumber('1e3', { decimal: '.' })).toBe(1000);
    expect(parseGermanNumber('1e3', { decimal: 'auto', exponent: false })).toBeNull();
  });

  it('is null for anything else', () => {
    for (const text of ['', ' ', ',', '-', '--2', 'zehn', '12,5 %', '12,3a', '1,2,3', 'Infinity', 'NaN', '0x10', '5,', '1.', '9'.repeat(400)]) {
      expect(parseGermanNumber(text), text).toBeNull();
    }
  });

  it('gives the two contexts their answers for "1.234": a German table cell and a typed number', () => {
    expect(parseNumber('1.234')).toBe(1234);
    expect(parseNumberInput('1.234')).toBe(1.234);
    expect(parseNumber('1.234,5')).toBe(parseNumberInput('1.234,5'));
  });
});
