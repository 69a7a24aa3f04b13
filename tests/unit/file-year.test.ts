import { describe, expect, it } from 'vitest';
import { yearInFileName } from '../../src/lib/io/import/file-year';

describe('yearInFileName', () => {
  it('finds a year in the name', () => {
    expect(yearInFileName('Bezirke_2021')).toBe(2021);
    expect(yearInFileName('schulen 1999 berlin')).toBe(1999);
    expect(yearInFileName('2024')).toBe(2024);
  });

  it('takes the first year when there are several', () => {
    expect(yearInFileName('einwohner_2019_bis_2023')).toBe(2019);
  });

  it('finds the digits inside longer numbers too (as the import always did)', () => {
    expect(yearInFileName('plz12019x')).toBe(2019);
  });

  it('is null without a year from 1900 to 2099', () => {
    expect(yearInFileName('Bezirke')).toBeNull();
    expect(yearInFileName('stand_1899')).toBeNull();
    expect(yearInFileName('plan_2100')).toBeNull();
    expect(yearInFileName('')).toBeNull();
  });
});
