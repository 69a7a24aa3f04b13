// The tokens of an indicator formula (see formula.ts for the grammar) and the error type the
// parser reports with.

export type FormulaErrorKind = 'empty' | 'syntax' | 'number' | 'unknown-name' | 'unit-clash' | 'too-long';

export interface FormulaError {
  kind: FormulaErrorKind;
  /** Character index in the formula text where the problem starts. */
  at: number;
  /** The unknown name (unknown-name). */
  name?: string;
  /** A known id close to the unknown name (same letters in another case, or one edit away). */
  suggestion?: string;
  /** English; the UI has its own texts per kind. */
  message: string;
}

export type Token =
  | { t: 'num'; value: number; at: number; end: number }
  | { t: 'name'; id: string; at: number; end: number }
  | { t: 'op'; op: '+' | '-' | '*' | '/'; at: number; end: number }
  | { t: '(' | ')'; at: number; end: number };

export class FormulaFailure extends Error {
  constructor(readonly error: FormulaError) {
    super(error.message);
  }
}

export const fail = (kind: FormulaErrorKind, at: number, message: string, extra: Partial<FormulaError> = {}): never => {
  throw new FormulaFailure({ kind, at, message, ...extra });
};

const OPS: Record<string, '+' | '-' | '*' | '/'> = {
  '+': '+', '-': '-', '\u2212': '-', '\u2013': '-', '*': '*', '\u00b7': '*', '\u00d7': '*', '/': '/', '\u00f7': '/', ':': '/',
};

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9]/.test(text[i]!)) i++;
      let digits = text.slice(start, i);
      if ((text[i] === ',' || text[i] === '.') && /[0-9]/.test(text[i + 1] ?? '')) {
        const sepAt = i;
        i++;
        const fracStart = i;
        while (i < text.length && /[0-9]/.test(text[i]!)) i++;
        const frac = text.slice(fracStart, i);
        if ((text[i] === ',' || text[i] === '.') && /[0-9]/.test(text[i + 1] ?? '')) {
          fail('number', start, 'Write numbers without thousands separators (1000, not 1.000).');
        }
        // "1.000" is a thousand to a German reader and one to an English one: refuse to guess.
        if (frac.length === 3 && !/^0+$/.test(digits)) {
          fail('number', start, `"${text.slice(start, i)}" is ambiguous: write ${digits}${frac} for the integer or ${digits}${text[sepAt]}${frac.replace(/0+$/, '') || '0'} for the decimal.`);
        }
        digits = `${digits}.${frac}`;
      } else if ((text[i] === ',' || text[i] === '.') && !/[0-9]/.test(text[i + 1] ?? '')) {
        fail('syntax', i, `A decimal separator must be followed by digits.`);
      }
      if (/[A-Za-z_]/.test(text[i] ?? '')) fail('syntax', i, 'A name cannot start right after a number; put an operator between them.');
      const value = Number(digits);
      if (!Number.isFinite(value)) fail('number', start, 'The number is too large.');
      tokens.push({ t: 'num', value, at: start, end: i });
      continue;
    }
    if (/[A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]/.test(text[i]!)) i++;
      tokens.push({ t: 'name', id: text.slice(start, i), at: start, end: i });
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ t: c, at: i, end: i + 1 });
      i++;
      continue;
    }
    const op = OPS[c];
    if (op) {
      // "--" reads as a comment in SQL; the grammar does not need it (write -(-x)).
      if (op === '-' && OPS[text[i + 1] ?? ''] === '-') fail('syntax', i, '"--" is not allowed; write -(-x) for a double negation.');
      tokens.push({ t: 'op', op, at: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === ',' || c === '.') fail('syntax', i, `A decimal separator must follow digits (0${c}5, not ${c}5).`);
    fail('syntax', i, `Unexpected character "${c}".`);
  }
  return tokens;
}

