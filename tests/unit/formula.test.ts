// The indicator formula: parser, units, numerator/denominator recognition and SQL text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  evaluateFormula,
  formulaSql,
  formulaText,
  parseFormula,
  ratioParts,
  sqlNumber,
  type FormulaName,
  type FormulaNode,
} from '../../src/lib/analysis/formula';

const NAMES: FormulaName[] = [
  { id: 'einwohner', unit: 'count' },
  { id: 'auslaender', unit: 'count' },
  { id: 'arbeitslose', unit: 'count' },
  { id: 'arbeitslose_sgb2', unit: 'count' },
  { id: 'auslaenderanteil', unit: 'percent' },
  { id: 'migrantenanteil', unit: 'percent' },
  { id: 'flaeche_km2', unit: 'km2', summable: true },
];

function ast(text: string): FormulaNode {
  const r = parseFormula(text, NAMES);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.ast;
}
function error(text: string) {
  const r = parseFormula(text, NAMES);
  if (r.ok) throw new Error(`${text} parsed: ${formulaText(r.ast)}`);
  return r.error;
}
const VALUES: Record<string, number> = { einwohner: 200, auslaender: 30, arbeitslose: 12, arbeitslose_sgb2: 9, auslaenderanteil: 15, migrantenanteil: 20, flaeche_km2: 4 };
const calc = (text: string) => evaluateFormula(ast(text), (id) => VALUES[id] ?? null);

describe('parseFormula: grammar', () => {
  it('precedence: * and / bind tighter than + and −, left to right within a level', () => {
    expect(calc('2 + 3 * 4')).toBe(14);
    expect(calc('2 * 3 + 4')).toBe(10);
    expect(calc('12 / 3 / 2')).toBe(2); // (12 / 3) / 2, not 12 / (3 / 2)
    expect(calc('10 - 4 - 3')).toBe(3);
    expect(calc('einwohner - auslaender * 2')).toBe(140);
    expect(formulaText(ast('einwohner - auslaender - arbeitslose'))).toBe('einwohner - auslaender - arbeitslose');
    expect(formulaText(ast('einwohner - (auslaender - arbeitslose)'))).toBe('einwohner - (auslaender - arbeitslose)');
  });

  it('unary minus binds tighter than * and may repeat when separated', () => {
    expect(calc('-2 * 3')).toBe(-6);
    expect(calc('-einwohner + 10')).toBe(-190);
    expect(calc('3 - -2')).toBe(5);
    expect(calc('- -2')).toBe(2);
    expect(calc('-(2 + 3) * 2')).toBe(-10);
    expect(calc('+4')).toBe(4);
    expect(calc('2 * -3')).toBe(-6);
  });

  it('parentheses override precedence, nested too', () => {
    expect(calc('(2 + 3) * 4')).toBe(20);
    expect(calc('((auslaender))')).toBe(30);
    expect(calc('(einwohner - (auslaender + 10)) / 2')).toBe(80);
  });

  it('German decimal comma and decimal point, typeset operators', () => {
    expect(calc('0,5 * einwohner')).toBe(100);
    expect(calc('0.5 * einwohner')).toBe(100);
    expect(calc('2,25')).toBe(2.25);
    expect(calc('einwohner · 2 − 1')).toBe(399);
    expect(calc('einwohner × 2 ÷ 4')).toBe(100);
    expect(calc('1,0 + 0,125')).toBe(1.125);
  });

  it('refuses thousands separators and the ambiguous 1.000 / 1,000', () => {
    expect(error('einwohner * 1.000')).toMatchObject({ kind: 'number', at: 12 });
    expect(error('einwohner * 1,000')).toMatchObject({ kind: 'number', at: 12 });
    expect(error('1.000,5')).toMatchObject({ kind: 'number', at: 0 });
    expect(error('einwohner * 5,')).toMatchObject({ kind: 'syntax', at: 13 });
    expect(error(',5 * einwohner')).toMatchObject({ kind: 'syntax', at: 0 });
  });

  it('syntax errors name the position', () => {
    expect(error('einwohner +')).toMatchObject({ kind: 'syntax', at: 11 });
    expect(error('(einwohner + 1')).toMatchObject({ kind: 'syntax', at: 14 });
    expect(error('einwohner + 1)')).toMatchObject({ kind: 'syntax', at: 13 });
    expect(error('einwohner auslaender')).toMatchObject({ kind: 'syntax', at: 10 });
    expect(error('* einwohner')).toMatchObject({ kind: 'syntax', at: 0 });
    expect(error('()')).toMatchObject({ kind: 'syntax', at: 1 });
    expect(error('2einwohner')).toMatchObject({ kind: 'syntax', at: 1 });
    expect(error('einwohner ^ 2')).toMatchObject({ kind: 'syntax', at: 10 });
  });

  it('empty and over-long formulas', () => {
    expect(error('')).toMatchObject({ kind: 'empty', at: 0 });
    expect(error('   \t ')).toMatchObject({ kind: 'empty' });
    expect(error('1 + '.repeat(200) + '1')).toMatchObject({ kind: 'too-long' });
    expect(error('('.repeat(80) + '1' + ')'.repeat(80))).toMatchObject({ kind: 'too-long' });
  });

  it('unknown names with their position and a suggestion', () => {
    expect(error('auslaender / einwohnr')).toMatchObject({ kind: 'unknown-name', at: 13, name: 'einwohnr', suggestion: 'einwohner' });
    expect(error('Einwohner * 2')).toMatchObject({ kind: 'unknown-name', at: 0, name: 'Einwohner', suggestion: 'einwohner' });
    expect(error('kitas / kinder')).toMatchObject({ kind: 'unknown-name', at: 0, name: 'kitas' });
    expect(error('kitas / kinder').suggestion).toBeUndefined();
    expect(error('ausländer / einwohner')).toMatchObject({ kind: 'unknown-name', at: 0, name: 'ausländer' });
  });

  it('injection attempts are syntax errors, never SQL', () => {
    for (const text of [
      'einwohner; DROP TABLE x',
      "einwohner + '1'",
      'einwohner + "auslaender"',
      'einwohner -- comment',
      'einwohner --1',
      'einwohner /* x */',
      'einwohner) UNION SELECT 1 --',
      'einwohner + 1 DROP',
      'einwohner\u0000',
      'einwohner[0]',
    ]) {
      expect(error(text).kind, text).toBe('syntax');
    }
    expect(error('einwohner; DROP TABLE x')).toMatchObject({ at: 9 });
    expect(error("einwohner + '1'")).toMatchObject({ at: 12 });
    expect(error('einwohner -- comment')).toMatchObject({ at: 10 });
  });

  it('reports the names used and the unit', () => {
    const r = parseFormula('(arbeitslose - arbeitslose_sgb2) / arbeitslose * 100', NAMES);
    expect(r.ok && r.names).toEqual(['arbeitslose', 'arbeitslose_sgb2']);
    expect(r.ok && r.unit).toBe('derived');
    const s = parseFormula('einwohner + auslaender * 2 - 5', NAMES);
    expect(s.ok && s.unit).toBe('count');
    const p = parseFormula('auslaenderanteil + migrantenanteil', NAMES);
    expect(p.ok && p.unit).toBe('percent');
    const c = parseFormula('2 * 3', NAMES);
    expect(c.ok && c.unit).toBe('scalar');
  });

  it('unit clash: adding a count and a share, or a count and a quotient', () => {
    expect(error('einwohner + auslaenderanteil')).toMatchObject({ kind: 'unit-clash', at: 10 });
    expect(error('auslaender / einwohner * 100 - auslaenderanteil')).toMatchObject({ kind: 'unit-clash', at: 29 });
    expect(error('flaeche_km2 - einwohner')).toMatchObject({ kind: 'unit-clash' });
  });
});

describe('evaluateFormula: missing values and division by zero', () => {
  it('division by zero is missing, as is any missing input', () => {
    expect(calc('einwohner / 0')).toBeNull();
    expect(calc('einwohner / (auslaender - 30)')).toBeNull();
    expect(evaluateFormula(ast('auslaender / einwohner'), (id) => (id === 'einwohner' ? null : 1))).toBeNull();
    expect(calc('0 / einwohner')).toBe(0);
  });
});

describe('ratioParts', () => {
  it('auslaender / einwohner * 1000: Σ auslaender / Σ einwohner × 1000', () => {
    const p = ratioParts(ast('auslaender / einwohner * 1000'), NAMES);
    expect(p.kind).toBe('ratio');
    if (p.kind !== 'ratio') return;
    expect(formulaText(p.num)).toBe('auslaender');
    expect(formulaText(p.den)).toBe('einwohner');
    expect(p.scale).toBe(1000);
  });

  it('(arbeitslose - arbeitslose_sgb2) / arbeitslose * 100: the difference over the count', () => {
    const p = ratioParts(ast('(arbeitslose - arbeitslose_sgb2) / arbeitslose * 100'), NAMES);
    expect(p.kind).toBe('ratio');
    if (p.kind !== 'ratio') return;
    expect(formulaText(p.num)).toBe('arbeitslose - arbeitslose_sgb2');
    expect(formulaText(p.den)).toBe('arbeitslose');
    expect(p.scale).toBe(100);
  });

  it('constant factors anywhere on the top level go into the scale', () => {
    const cases: [string, number][] = [
      ['1000 * auslaender / einwohner', 1000],
      ['auslaender * 100 / einwohner', 100],
      ['auslaender / (einwohner / 1000)', 1000],
      ['auslaender / einwohner / 10', 0.1],
      ['-auslaender / einwohner', -1],
      ['auslaender / einwohner', 1],
      ['einwohner / flaeche_km2', 1],
    ];
    for (const [text, scale] of cases) {
      const p = ratioParts(ast(text), NAMES);
      expect(p.kind, text).toBe('ratio');
      if (p.kind === 'ratio') expect(p.scale, text).toBeCloseTo(scale, 12);
    }
  });

  it('linear combinations of counts without a quotient are sums', () => {
    for (const text of ['einwohner', 'einwohner - auslaender', '2 * auslaender + einwohner', '-auslaender', 'einwohner / 1000']) {
      expect(ratioParts(ast(text), NAMES).kind, text).toBe('sum');
    }
  });

  it('products, shares and nested quotients are not aggregable', () => {
    expect(ratioParts(ast('einwohner * auslaender'), NAMES)).toMatchObject({ kind: 'none', reason: 'product' });
    expect(ratioParts(ast('auslaenderanteil + migrantenanteil'), NAMES)).toMatchObject({ kind: 'none', reason: 'not-summable' });
    expect(ratioParts(ast('auslaenderanteil / einwohner'), NAMES)).toMatchObject({ kind: 'none', reason: 'not-summable' });
    expect(ratioParts(ast('auslaender / einwohner / arbeitslose'), NAMES)).toMatchObject({ kind: 'none', reason: 'nested-division' });
    expect(ratioParts(ast('einwohner + 5'), NAMES)).toMatchObject({ kind: 'none', reason: 'constant' });
    expect(ratioParts(ast('auslaender / (einwohner + 1)'), NAMES)).toMatchObject({ kind: 'none', reason: 'constant' });
    expect(ratioParts(ast('auslaender / (einwohner * 0)'), NAMES).kind).toBe('none');
  });
});

describe('formulaSql', () => {
  const col = (id: string) => `v."${id}"`;

  it('is built from the tree: parentheses, NULLIF for every division, typed numbers', () => {
    expect(formulaSql(ast('auslaender / einwohner * 1000'), col)).toBe(
      '(((v."auslaender") / NULLIF((v."einwohner"), 0)) * CAST(1000 AS DOUBLE))',
    );
    expect(formulaSql(ast('-(einwohner - 0,5)'), col)).toBe('(-((v."einwohner") - CAST(0.5 AS DOUBLE)))');
    expect(formulaSql(ast('3 - -2'), col)).toBe('(CAST(3 AS DOUBLE) - (-CAST(2 AS DOUBLE)))');
  });

  it('contains only what the tree has: no text of the formula is copied', () => {
    const sql = formulaSql(ast('  auslaender/einwohner  *  1000 '), () => 'X');
    expect(sql).toBe('(((X) / NULLIF((X), 0)) * CAST(1000 AS DOUBLE))');
    // A forged tree (not from the parser) cannot carry SQL through a name.
    expect(() => formulaSql({ kind: 'ref', id: 'x"; DROP TABLE y; --', at: 0 }, col)).toThrow();
    expect(() => formulaSql({ kind: 'num', value: Number.NaN, at: 0 }, col)).toThrow();
  });

  it('sqlNumber writes digits only', () => {
    expect(sqlNumber(0.1)).toBe('CAST(0.1 AS DOUBLE)');
    expect(sqlNumber(1e21)).toBe('CAST(1e+21 AS DOUBLE)');
    expect(sqlNumber(-2)).toBe('(-CAST(2 AS DOUBLE))');
    expect(() => sqlNumber(Infinity)).toThrow();
  });

  it('formulaText round-trips through the parser', () => {
    for (const text of ['(arbeitslose - arbeitslose_sgb2) / arbeitslose * 100', '-(-einwohner)', 'einwohner / (auslaender * 2) - -3', '0,5 * einwohner']) {
      const a = ast(text);
      expect(ast(formulaText(a))).toEqual(ast(formulaText(ast(formulaText(a)))));
      expect(evaluateFormula(ast(formulaText(a)), (id) => VALUES[id]!)).toBe(evaluateFormula(a, (id) => VALUES[id]!));
    }
  });
});

describe('parseFormula: any text', () => {
  it('never throws, and whatever parses becomes SQL without quotes, semicolons or comments', () => {
    const alphabet = fc.constantFrom(...'einwohner auslaender 0123456789,.+-*/()\';"-\n#x_AÄ'.split(''), 'einwohner', 'auslaender', '--', '/*');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        const r = parseFormula(text, NAMES);
        if (!r.ok) {
          expect(r.error.at).toBeGreaterThanOrEqual(0);
          expect(r.error.at).toBeLessThanOrEqual(text.length);
          return;
        }
        const sql = formulaSql(r.ast, (id) => `v."${id}"`).replace(/v\."(einwohner|auslaender)"/g, 'V');
        expect(sql).toMatch(/^[-A-Za-z0-9 ().,*/+]*$/);
        expect(sql).not.toMatch(/--|\/\*/);
      }),
      { numRuns: 3000, seed: 18 },
    );
  });
});
