// Types for check-layers.mjs (tsconfig has allowJs off; TypeScript finds this
// file for imports of './check-layers.mjs').

/** One broken rule: an import, or for no-circular a whole cycle. */
export interface Violation {
  /** The rule's name, e.g. "layers-analysis-not-db" or "no-circular". */
  rule: string;
  /** What the rule says, e.g. "layers: lib/analysis must not import lib/db — analysis functions are pure". */
  message: string;
  /** The importing module, relative to the checked tree. */
  from: string;
  /** The imported module. */
  to: string;
  /** For no-circular: the cycle's modules, from its smallest one round to the one before it. */
  cycle?: string[];
  /** "rule: from → to", for cycles "no-circular: a → b → a". */
  key: string;
}

/** Runs the rules over `paths` (default ['src']) of the tree at `baseDir` (default: the working directory). */
export function checkLayers(options?: { baseDir?: string; paths?: string[] }): Promise<{ violations: Violation[]; modules: number }>;

/** Violations grouped under their rule's message, one per line (what `npm run lint` prints). */
export function report(violations: readonly Violation[]): string;
