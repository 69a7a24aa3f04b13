// The bad-input corpus (issue "Hardening", item 1): hand-made cases for every
// importer, each run through the whole import as the dialog runs it, into a
// DuckDB that holds Leipzig. Every case ends refused with a clear message or
// loaded with sane numbers; nothing crashes; Leipzig's rows stay unchanged.
// The generated cases (fast-check) are in bad-input-properties.test.ts.
// The harness and the case lists live in tests/unit/bad-input/.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createEnv, runCase, type Case, type Env } from './bad-input/harness';
import { TABLE_CASES } from './bad-input/cases-tables';
import { BOUNDARY_CASES } from './bad-input/cases-boundaries';
import { POINT_PROJECT_CASES } from './bad-input/cases-points-project';
import { DROP_CASES } from './bad-input/cases-drops';
import { GPKG_ODS_CASES } from './bad-input/cases-gpkg-ods';
import { CRS_CASES } from './bad-input/cases-crs';

const GROUPS: [string, Case[]][] = [['tables (CSV, TXT, XLSX)', TABLE_CASES], ...BOUNDARY_CASES, ...POINT_PROJECT_CASES, ...GPKG_ODS_CASES, ['coordinate systems (.prj)', CRS_CASES], ['files given together', DROP_CASES]];

let env: Env;
beforeAll(async () => {
  env = await createEnv();
});

let ran = 0;
for (const [group, cases] of GROUPS) {
  describe(group, () => {
    for (const c of cases) {
      it(c.name, async () => {
        await runCase(env, c);
        ran++;
      });
    }
  });
}

afterAll(() => {
  const total = GROUPS.reduce((s, [, cases]) => s + cases.length, 0);
  const byGroup = GROUPS.map(([g, cases]) => `${g}: ${cases.length}`).join('; ');
  console.info(`bad-input corpus: ${total} hand-made cases (${byGroup}); ${ran} passed`);
});
