// A tolerant WKT tokenizer (OGC WKT1, ESRI WKT1, WKT2 2015/2019): KEYWORD[args] or KEYWORD(args);
// strings in double quotes ("" escapes a quote); bare words (EAST, Cartesian) become strings.
export type WktValue = string | number | WktNode;
export interface WktNode {
  keyword: string;
  args: WktValue[];
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const MAX_DEPTH = 64;

/** The WKT tree of a text, or null when it is not well-formed WKT (nesting deeper than 64 levels included). */
export function parseWkt(text: string): WktNode | null {
  const s = text.replace(/^\uFEFF/, '');
  let i = 0;
  const ws = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`WKT: unexpected ${s[i] === undefined ? 'end' : JSON.stringify(s[i])} at ${i}`);
  };
  const value = (depth: number): WktValue => {
    ws();
    const ch = s[i];
    if (ch === '"') {
      let str = '';
      i++;
      for (;;) {
        if (i >= s.length) fail();
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            str += '"';
            i += 2;
            continue;
          }
          i++;
          return str;
        }
        str += s[i++];
      }
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(s);
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(s);
    if (!id) return fail();
    i += id[0].length;
    ws();
    if (s[i] !== '[' && s[i] !== '(') return id[0];
    if (depth >= MAX_DEPTH) fail();
    const close = s[i] === '[' ? ']' : ')';
    i++;
    const node: WktNode = { keyword: id[0].toUpperCase(), args: [] };
    ws();
    if (s[i] === close) {
      i++;
      return node;
    }
    for (;;) {
      node.args.push(value(depth + 1));
      ws();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === close) {
        i++;
        return node;
      }
      fail();
    }
  };
  try {
    const root = value(0);
    ws();
    if (i !== s.length || typeof root !== 'object') return null;
    return root;
  } catch {
    return null;
  }
}

export const isNode = (v: WktValue | undefined): v is WktNode => typeof v === 'object' && v !== null;

export function child(node: WktNode | undefined, ...keywords: string[]): WktNode | undefined {
  if (!node) return undefined;
  for (const a of node.args) if (isNode(a) && keywords.includes(a.keyword)) return a;
  return undefined;
}

export function children(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.args.filter((a): a is WktNode => isNode(a) && keywords.includes(a.keyword));
}

export function nameOf(node: WktNode | undefined): string {
  const first = node?.args[0];
  return typeof first === 'string' ? first : '';
}

export function numberArg(node: WktNode | undefined, index: number): number | undefined {
  const v = node?.args[index];
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

