import { describe, expect, it } from 'vitest';
import { guardFormula, toExcelCsv } from '../../src/lib/io/export/csv-export';
import { csvCell } from '../../src/lib/data/site-package.js';

describe('guardFormula', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(guardFormula('=HYPERLINK("http://evil.example","klick")')).toBe('\'=HYPERLINK("http://evil.example","klick")');
    expect(guardFormula('+49 341 123456')).toBe("'+49 341 123456");
    expect(guardFormula('-2+3')).toBe("'-2+3");
    expect(guardFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardFormula('\t=1+1')).toBe("'\t=1+1");
    expect(guardFormula('\r=1+1')).toBe("'\r=1+1");
  });

  it('leaves ordinary text alone', () => {
    for (const s of ['Grünau-Mitte', 'a=b', ' =1', '', "'quoted", '14713000-01']) expect(guardFormula(s)).toBe(s);
  });
});

describe('toExcelCsv formula injection', () => {
  it('defuses formula-like text but writes real numbers, also negative ones, unchanged', () => {
    const csv = toExcelCsv(
      ['name', 'wert'],
      [
        ['=1+1', -3.5],
        ['+49 341', -0],
        ['-Vorstadt', 12],
        ['@cmd', null],
        ['=A1;B1', 1e-7],
      ],
    );
    expect(csv).toBe(
      "\uFEFFname;wert\r\n'=1+1;-3,5\r\n'+49 341;0\r\n'-Vorstadt;12\r\n'@cmd;\r\n\"'=A1;B1\";1e-7\r\n",
    );
  });

  it('guards header cells and quotes guarded text with line breaks', () => {
    expect(toExcelCsv(['=cmd', 'ok'], [['\r=1', 1]])).toBe("\uFEFF'=cmd;ok\r\n\"'\r=1\";1\r\n");
  });

  it('writes bigint as a number', () => {
    expect(toExcelCsv(['n'], [[12n], [-3n]])).toBe('\uFEFFn\r\n12\r\n-3\r\n');
  });
});

describe('csvCell of the site package (data files, not an export)', () => {
  it('keeps values verbatim so ids survive the round trip', () => {
    expect(csvCell('-1')).toBe('-1');
    expect(csvCell('=x')).toBe('=x');
    expect(csvCell('a,b')).toBe('"a,b"');
  });
});
