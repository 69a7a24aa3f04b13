// Checks the layers of src/lib and that src/ has no import cycles, with
// dependency-cruiser and the rules in layers/dependency-cruiser.config.mjs.
// Part of `npm run lint`: prints each violation under the rule it breaks and
// exits 1 if there is any.
//
//   node scripts/check-layers.mjs [--json] [--base DIR] [PATH...]
//
// --base: the tree to check (default: the working directory); PATHs are
// relative to it (default: src). --json prints the violations as JSON.
// tests/unit/layers.test.ts calls checkLayers() directly.

import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import config from './layers/dependency-cruiser.config.mjs';

// Before dependency-cruiser loads: its .svelte reader must see type-only imports.
register('./layers/svelte-deps-hook.mjs', import.meta.url);
const { cruise } = await import('dependency-cruiser');

/**
 * @typedef {object} Violation
 * @property {string} rule     the rule's name, e.g. "layers-analysis-not-db" or "no-circular"
 * @property {string} message  what the rule says, e.g. "layers: lib/analysis must not import lib/db — …"
 * @property {string} from     the importing module, relative to the base
 * @property {string} to       the imported module
 * @property {string[]} [cycle] for no-circular: the modules of the cycle, from `from` back to it
 * @property {string} key      "rule: from → to" (for cycles "no-circular: a → b → a", starting at the
 *                             cycle's smallest module, so that each cycle is one violation)
 */

/**
 * Runs the rules over PATHS of the tree at BASEDIR.
 * @returns {Promise<{ violations: Violation[], modules: number }>}
 */
export async function checkLayers({ baseDir = process.cwd(), paths = ['src'] } = {}) {
  const { output } = await cruise(paths, { ...config.options, baseDir, ruleSet: { forbidden: config.forbidden }, validate: true });
  const comments = new Map(config.forbidden.map((r) => [r.name, r.comment]));
  const byKey = new Map();
  for (const v of output.summary.violations) {
    const rule = v.rule.name;
    let key = `${rule}: ${v.from} → ${v.to}`;
    let cycle;
    if (v.cycle) {
      // depcruise lists the cycle from `to` back to `from`; start it at `from`.
      const names = [v.from, ...v.cycle.map((c) => (typeof c === 'string' ? c : c.name))];
      names.pop();
      const start = names.indexOf([...names].sort()[0]);
      cycle = [...names.slice(start), ...names.slice(0, start)];
      key = `${rule}: ${[...cycle, cycle[0]].join(' → ')}`;
    }
    if (!byKey.has(key)) byKey.set(key, { rule, message: comments.get(rule) ?? rule, from: v.from, to: v.to, cycle, key });
  }
  const violations = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  return { violations, modules: output.summary.totalCruised };
}

/** Violations grouped under their rule's message, one per line. */
export function report(violations) {
  const lines = [];
  let last = null;
  for (const v of [...violations].sort((a, b) => a.message.localeCompare(b.message) || a.key.localeCompare(b.key))) {
    if (v.message !== last) lines.push(`${v.message}  [${v.rule}]`);
    last = v.message;
    lines.push(`  ${v.cycle ? [...v.cycle, v.cycle[0]].join(' → ') : `${v.from} → ${v.to}`}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const baseAt = args.indexOf('--base');
  const baseDir = baseAt >= 0 ? args[baseAt + 1] : process.cwd();
  const paths = args.filter((a, i) => !a.startsWith('--') && (baseAt < 0 || i !== baseAt + 1));
  const started = performance.now();
  const { violations, modules } = await checkLayers({ baseDir, paths: paths.length ? paths : ['src'] });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (json) {
    console.log(JSON.stringify(violations, null, 2));
  } else if (violations.length) {
    console.error(report(violations));
    console.error(`\n✘ layers: ${violations.length} violation(s) in ${modules} modules (${seconds} s)`);
  } else {
    console.log(`✔ layers: no violations in ${modules} modules (${seconds} s)`);
  }
  process.exitCode = violations.length ? 1 : 0;
}
