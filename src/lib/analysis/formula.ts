// Indicator formulas (issue 18, item 3): a parser of our own small grammar, the
// recognition of numerator and denominator (so larger areas aggregate from counts),
// and SQL text built only from the syntax tree — user text is never pasted into SQL.
//
// Grammar (whitespace between tokens is ignored):
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | primary
//   primary := number | name | '(' expr ')'
//   number  := digits ((',' | '.') digits)?      German decimal comma or point; no thousands separators
//   name    := [a-z_][a-z0-9_]*                   an indicator id of the site
// Also accepted: '−' (U+2212) and '–' (en dash) for minus, '·' and '×' for times, '÷' and ':' for divided by.
import type { Unit } from './format';
import { fail, FormulaFailure, tokenize, type FormulaError, type Token } from './formula-tokens';

export type { FormulaError, FormulaErrorKind } from './formula-tokens';

export type FormulaNode =
  | { kind: 'num'; value: number; at: number }
  | { kind: 'ref'; id: string; at: number }
  | { kind: 'neg'; arg: FormulaNode; at: number }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode; at: number };

/** An indicator the formula may name. `summable`: its values add up over areas (default: unit 'count'). */
export interface FormulaName {
  id: string;
  unit: Unit;
  summable?: boolean;
}

/** The unit of a formula's value: a catalogue unit, a plain number, or a product/quotient of units. */
export type FormulaUnit = Unit | 'scalar' | 'derived';

export type FormulaResult = { ok: true; ast: FormulaNode; unit: FormulaUnit; names: string[] } | { ok: false; error: FormulaError };

export const MAX_FORMULA_LENGTH = 500;
const MAX_DEPTH = 50;

/** Levenshtein distance ≤ 1 (one insertion, deletion or substitution). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function suggest(name: string, known: ReadonlyMap<string, FormulaName>): string | undefined {
  const lower = name.toLowerCase();
  if (known.has(lower)) return lower;
  const ids = [...known.keys()].sort();
  return ids.find((id) => oneEditApart(lower, id));
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly known: ReadonlyMap<string, FormulaName>,
    private readonly length: number,
  ) {}

  parse(): FormulaNode {
    const node = this.expr(0);
    const next = this.tokens[this.pos];
    if (next) {
      if (next.t === ')') fail('syntax', next.at, 'Unmatched ")".');
      fail('syntax', next.at, 'Expected an operator (+ − * /) here.');
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private expr(depth: number): FormulaNode {
    let left = this.term(depth);
    for (let t = this.peek(); t?.t === 'op' && (t.op === '+' || t.op === '-'); t = this.peek()) {
      this.pos++;
      left = { kind: 'bin', op: t.op, left, right: this.term(depth), at: t.at };
    }
    return left;
  }

  private term(depth: number): FormulaNode {
    let left = this.unary(depth);
    for (let t = this.peek(); t?.t === 'op' && (t.op === '*' || t.op === '/'); t = this.peek()) {
      this.pos++;
      left = { kind: 'bin', op: t.op, left, right: this.unary(depth), at: t.at };
    }
    return left;
  }

  private unary(depth: number): FormulaNode {
    if (depth > MAX_DEPTH) fail('too-long', this.peek()?.at ?? this.length, 'The formula is nested too deeply.');
    const t = this.peek();
    if (t?.t === 'op' && (t.op === '-' || t.op === '+')) {
      this.pos++;
      const arg = this.unary(depth + 1);
      return t.op === '-' ? { kind: 'neg', arg, at: t.at } : arg;
    }
    return this.primary(depth);
  }

  private primary(depth: number): FormulaNode {
    const t = this.peek();
    if (!t) return fail('syntax', this.length, 'The formula ends too early: a number, a name or "(" is missing.');
    this.pos++;
    switch (t.t) {
      case 'num':
        return { kind: 'num', value: t.value, at: t.at };
      case 'name': {
        if (!/^[a-z_][a-z0-9_]*$/.test(t.id) || !this.known.has(t.id)) {
          const suggestion = suggest(t.id, this.known);
          fail('unknown-name', t.at, `Unknown indicator "${t.id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}.`, { name: t.id, ...(suggestion ? { suggestion } : {}) });
        }
        return { kind: 'ref', id: t.id, at: t.at };
      }
      case '(': {
        const inner = this.expr(depth + 1);
        const close = this.peek();
        if (close?.t !== ')') fail('syntax', close?.at ?? this.length, `"(" at ${t.at} is not closed.`);
        this.pos++;
        return inner;
      }
      case ')':
        return fail('syntax', t.at, 'Expected a number, a name or "(" before ")".');
      case 'op':
        return fail('syntax', t.at, `Expected a number, a name or "(" before "${t.op}".`);
    }
  }
}

/**
 * The unit of a formula, checked where it matters: `+` and `−` need the same unit on both sides
 * (a plain number takes the other side's unit); `*` and `/` by a plain number keep the unit; a
 * product or quotient of two units is 'derived' and is not checked further, except that it
 * cannot be added to a catalogue unit (count + count/count is a clash).
 */
function unitOf(node: FormulaNode, known: ReadonlyMap<string, FormulaName>): FormulaUnit {
  switch (node.kind) {
    case 'num':
      return 'scalar';
    case 'ref':
      return known.get(node.id)!.unit;
    case 'neg':
      return unitOf(node.arg, known);
    case 'bin': {
      const a = unitOf(node.left, known);
      const b = unitOf(node.right, known);
      if (node.op === '*' || node.op === '/') {
        if (a === 'scalar') return node.op === '*' ? b : b === 'scalar' ? 'scalar' : 'derived';
        if (b === 'scalar') return a;
        return 'derived';
      }
      if (a === 'scalar') return b;
      if (b === 'scalar' || a === b) return a;
      return fail('unit-clash', node.at, `Cannot ${node.op === '+' ? 'add' : 'subtract'} ${b === 'derived' ? 'a computed quotient or product' : `"${b}"`} ${node.op === '+' ? 'to' : 'from'} ${a === 'derived' ? 'a computed quotient or product' : `"${a}"`}.`);
    }
  }
}

function refsOf(node: FormulaNode, out: Set<string> = new Set()): Set<string> {
  if (node.kind === 'ref') out.add(node.id);
  else if (node.kind === 'neg') refsOf(node.arg, out);
  else if (node.kind === 'bin') {
    refsOf(node.left, out);
    refsOf(node.right, out);
  }
  return out;
}

/** Parses a formula over the given indicators: the syntax tree, its unit and the names it uses, or the first error. */
export function parseFormula(text: string, names: readonly FormulaName[]): FormulaResult {
  const known = new Map(names.map((n) => [n.id, n]));
  try {
    if (text.length > MAX_FORMULA_LENGTH) fail('too-long', MAX_FORMULA_LENGTH, `A formula has at most ${MAX_FORMULA_LENGTH} characters.`);
    const tokens = tokenize(text);
    if (tokens.length === 0) fail('empty', 0, 'The formula is empty.');
    const ast = new Parser(tokens, known, text.length).parse();
    return { ok: true, ast, unit: unitOf(ast, known), names: [...refsOf(ast)].sort() };
  } catch (e) {
    if (e instanceof FormulaFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** The value of a constant subtree (no names), or null if it has names or divides by zero. */
function constantValue(node: FormulaNode): number | null {
  const v = evaluateFormula(node, () => null);
  return refsOf(node).size === 0 && v !== null && Number.isFinite(v) ? v : null;
}

/**
 * Evaluates a formula with the given values (e.g. at a base area). A missing value makes the
 * result missing; division by zero is missing too ("keine Angabe"), as in formulaSql.
 */
export function evaluateFormula(node: FormulaNode, valueOf: (id: string) => number | null): number | null {
  switch (node.kind) {
    case 'num':
      return node.value;
    case 'ref':
      return valueOf(node.id);
    case 'neg': {
      const v = evaluateFormula(node.arg, valueOf);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = evaluateFormula(node.left, valueOf);
      const b = evaluateFormula(node.right, valueOf);
      if (a === null || b === null) return null;
      switch (node.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : a / b;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Numerator and denominator

export type RatioParts =
  /** Σ num / Σ den × scale over the parts of a larger area. */
  | { kind: 'ratio'; num: FormulaNode; den: FormulaNode; scale: number }
  /** A linear combination of summable indicators: the sum over the parts. */
  | { kind: 'sum'; expr: FormulaNode }
  /** Not aggregable from counts: shown at the base level only. */
  | { kind: 'none'; reason: 'product' | 'not-summable' | 'nested-division' | 'constant'; message: string };

/** Splits top-level factors that are constants: c · X, X · c, X / c → (scale, X). */
function splitScale(node: FormulaNode): { scale: number; core: FormulaNode } {
  if (node.kind === 'neg') {
    const inner = splitScale(node.arg);
    return { scale: -inner.scale, core: inner.core };
  }
  if (node.kind === 'bin' && (node.op === '*' || node.op === '/')) {
    const r = constantValue(node.right);
    if (r !== null && (node.op === '*' || r !== 0)) {
      const inner = splitScale(node.left);
      return { scale: node.op === '*' ? inner.scale * r : inner.scale / r, core: inner.core };
    }
    const l = node.op === '*' ? constantValue(node.left) : null;
    if (l !== null) {
      const inner = splitScale(node.right);
      return { scale: l * inner.scale, core: inner.core };
    }
  }
  return { scale: 1, core: node };
}

type Linear = { ok: true } | { ok: false; reason: 'product' | 'not-summable' | 'nested-division' | 'constant'; message: string };

/** Whether a subtree is a linear combination of summable indicators (constants only as factors). */
function linear(node: FormulaNode, known: ReadonlyMap<string, FormulaName>): Linear {
  switch (node.kind) {
    case 'num':
      return { ok: false, reason: 'constant', message: 'A constant term does not add up over areas.' };
    case 'ref': {
      const n = known.get(node.id);
      return n && (n.summable ?? n.unit === 'count')
        ? { ok: true }
        : { ok: false, reason: 'not-summable', message: `"${node.id}" is not a count; its values do not add up over areas.` };
    }
    case 'neg':
      return linear(node.arg, known);
    case 'bin': {
      if (node.op === '+' || node.op === '-') {
        const a = linear(node.left, known);
        return a.ok ? linear(node.right, known) : a;
      }
      const { scale, core } = splitScale(node);
      if (core !== node && scale !== 0) return linear(core, known);
      if (node.op === '/') return { ok: false, reason: 'nested-division', message: 'A quotient inside a numerator or denominator cannot be aggregated from counts.' };
      return { ok: false, reason: 'product', message: 'A product of indicators cannot be aggregated from counts.' };
    }
  }
}

/**
 * Numerator and denominator of a formula, so that larger areas aggregate as Σ numerator /
 * Σ denominator (× scale), never as an average: a top-level quotient of two linear combinations
 * of counts, optionally times or divided by constants (`a / b * 1000`, `(a - b) / a * 100`,
 * `100 * a / b`). Without a top-level quotient, a linear combination of counts is a 'sum';
 * anything else (products, shares combined, quotients nested deeper) is 'none'. `names` must
 * be those the formula was parsed with.
 */
export function ratioParts(ast: FormulaNode, names: readonly FormulaName[]): RatioParts {
  const known = new Map(names.map((n) => [n.id, n]));
  const { scale, core } = splitScale(ast);
  if (core.kind === 'bin' && core.op === '/') {
    const n = splitScale(core.left);
    const d = splitScale(core.right);
    const num = linear(n.core, known);
    if (!num.ok) return { kind: 'none', reason: num.reason, message: `Numerator: ${num.message}` };
    const den = linear(d.core, known);
    if (!den.ok) return { kind: 'none', reason: den.reason, message: `Denominator: ${den.message}` };
    if (d.scale === 0) return { kind: 'none', reason: 'constant', message: 'The denominator is always zero.' };
    return { kind: 'ratio', num: n.core, den: d.core, scale: (scale * n.scale) / d.scale };
  }
  const lin = linear(ast, known);
  return lin.ok ? { kind: 'sum', expr: ast } : { kind: 'none', reason: lin.reason, message: lin.message };
}

// ---------------------------------------------------------------------------------------------
// SQL

/** A number as SQL: digits only (with a point and an exponent), typed DOUBLE. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  const text = String(Math.abs(value));
  if (!/^[0-9]+(\.[0-9]+)?(e[+-][0-9]+)?$/.test(text)) throw new Error(`Unexpected number text: ${text}`);
  return value < 0 || Object.is(value, -0) ? `(-CAST(${text} AS DOUBLE))` : `CAST(${text} AS DOUBLE)`;
}

/**
 * SQL expression text for a formula, built only from the syntax tree: each indicator through
 * `columnOf` (the caller's trusted column expression for an id the parser has checked), numbers
 * through sqlNumber, every operation in parentheses; a division by zero gives NULL (NULLIF), and
 * NULL propagates as a missing value.
 */
export function formulaSql(ast: FormulaNode, columnOf: (id: string) => string): string {
  switch (ast.kind) {
    case 'num':
      return sqlNumber(ast.value);
    case 'ref':
      if (!/^[a-z_][a-z0-9_]*$/.test(ast.id)) throw new Error(`Not an indicator id: ${ast.id}`);
      return `(${columnOf(ast.id)})`;
    case 'neg':
      return `(-${formulaSql(ast.arg, columnOf)})`;
    case 'bin': {
      const a = formulaSql(ast.left, columnOf);
      const b = formulaSql(ast.right, columnOf);
      return ast.op === '/' ? `(${a} / NULLIF(${b}, 0))` : `(${a} ${ast.op} ${b})`;
    }
  }
}

/** The formula written back in canonical form (ids, '.' decimals, minimal parentheses) — for storing and showing. */
export function formulaText(node: FormulaNode, parentPrec = 0, rightSide = false): string {
  const prec = node.kind === 'bin' ? (node.op === '+' || node.op === '-' ? 1 : 2) : 3;
  let text: string;
  switch (node.kind) {
    case 'num':
      text = String(node.value);
      break;
    case 'ref':
      text = node.id;
      break;
    case 'neg':
      // -(-x), never "--x" (which the parser refuses)
      text = node.arg.kind === 'neg' ? `-(${formulaText(node.arg)})` : `-${formulaText(node.arg, 3)}`;
      break;
    case 'bin':
      text = `${formulaText(node.left, prec)} ${node.op} ${formulaText(node.right, prec, true)}`;
      break;
  }
  const needs = prec < parentPrec || (rightSide && prec === parentPrec && prec < 3);
  return needs ? `(${text})` : text;
}
