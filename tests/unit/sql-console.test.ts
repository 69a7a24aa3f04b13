import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine, readDataFile } from './helpers/node-engine';
import { runReadOnlyQuery, SqlConsoleError } from '../../src/lib/db/sql-console';
import { toExcelCsv } from '../../src/lib/io/export/csv-export';
import { loadSiteData } from '../../src/lib/db/load';
import { findBundledSite } from '../../src/lib/data/catalog';
import type { Engine } from '../../src/lib/db/engine';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await loadSiteData(engine, findBundledSite('leipzig'), readDataFile);
});

const kind = async (sql: string) => {
  try {
    await runReadOnlyQuery(engine, sql);
    return 'ran';
  } catch (err) {
    return err instanceof SqlConsoleError ? err.kind : 'other';
  }
};

describe('runReadOnlyQuery', () => {
  it('answers a query over the loaded tables with column names in order', async () => {
    const r = await runReadOnlyQuery(
      engine,
      "SELECT level, count(*) AS n FROM areas WHERE site = 'leipzig' GROUP BY level ORDER BY n DESC; -- a comment",
    );
    expect(r.columns).toEqual(['level', 'n']);
    expect(r.rows).toEqual([
      ['ortsteil', 63],
      ['stadtbezirk', 10],
      ['stadt', 1],
    ]);
    expect(r.truncated).toBe(false);
  });

  it('accepts WITH and FROM-first queries', async () => {
    expect(await kind('WITH t AS (SELECT 1 AS a) SELECT * FROM t')).toBe('ran');
    expect(await kind("FROM areas WHERE name = 'Zentrum'")).toBe('ran');
  });

  it('returns at most the limit and says it cut', async () => {
    const r = await runReadOnlyQuery(engine, 'SELECT * FROM observations', 100);
    expect(r.rows).toHaveLength(100);
    expect(r.truncated).toBe(true);
  });

  it('refuses anything that writes, and several statements at once', async () => {
    expect(await kind("INSERT INTO areas VALUES ('x','x','x','x',NULL,NULL,NULL)")).toBe('not-read-only');
    expect(await kind('DROP TABLE observations')).toBe('not-read-only');
    expect(await kind("COPY (SELECT 1) TO 'out.csv'")).toBe('not-read-only');
    expect(await kind('SELECT 1; DROP TABLE observations')).toBe('multiple');
    // A write hidden in a CTE is not a query either: DuckDB rejects it inside the subquery.
    expect(await kind('WITH x AS (DELETE FROM areas RETURNING *) SELECT * FROM x')).toBe('engine');
    expect(await kind('   ')).toBe('empty');
    const [{ n }] = (await engine.query('SELECT count(*)::INT AS n FROM observations')).toArray().map((r) => r.toJSON());
    expect(n).toBeGreaterThan(10_000); // nothing was dropped
  });

  it('passes DuckDB errors through with their message', async () => {
    await expect(runReadOnlyQuery(engine, 'SELECT no_such_column FROM areas')).rejects.toThrow(/no_such_column/);
  });
});

describe('toExcelCsv', () => {
  it('writes German Excel CSV: BOM, semicolons, decimal comma, quoting, empty for missing', () => {
    const csv = toExcelCsv(['name', 'wert'], [
      ['Grünau; Mitte', 12.5],
      ['Zentrum "Nord"', null],
      ['Lößnig', -3],
    ]);
    expect(csv).toBe('\uFEFFname;wert\r\n"Grünau; Mitte";12,5\r\n"Zentrum ""Nord""";\r\nLößnig;-3\r\n');
  });
});
