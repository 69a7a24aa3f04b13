// Benchmark cases run in the browser by scripts/bench.mjs: ?case=csv&rows=N.
// The result is written to window.__benchResult and body[data-done].
import { createBrowserEngine } from '../lib/db/browser-engine';
import { GERMAN_EXCEL, importDelimited } from '../lib/db/import-csv';

declare global {
  interface Window {
    __benchResult?: Record<string, unknown>;
  }
}

/** A German Excel export: ";" separated, decimal comma, thousands dot, CRLF. */
function germanCsv(rows: number): Uint8Array {
  const lines = ['Gebiet;Jahr;Einwohner;Anteil'];
  for (let i = 0; i < rows; i++) {
    const pop = 1000 + ((i * 7919) % 90000);
    const share = ((i * 104729) % 1000) / 10;
    lines.push(`Gebiet ${i % 10000};${2000 + (i % 24)};${pop.toLocaleString('de-DE')};${share.toLocaleString('de-DE')}`);
  }
  return new TextEncoder().encode(lines.join('\r\n'));
}

async function csvCase(rows: number): Promise<Record<string, unknown>> {
  const engineStart = performance.now();
  const engine = await createBrowserEngine();
  const engineMs = performance.now() - engineStart;
  const bytes = germanCsv(rows);
  const start = performance.now();
  const imported = await importDelimited(engine, 'bench.csv', bytes, 'bench_import', { ...GERMAN_EXCEL, encoding: 'utf-8' });
  const importMs = performance.now() - start;
  const q = performance.now();
  await engine.query('SELECT Jahr, sum(Einwohner), avg(Anteil) FROM bench_import GROUP BY Jahr');
  return { rows: imported, megabytes: bytes.length / 1e6, engineMs, importMs, firstQueryMs: performance.now() - q };
}

async function run(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const which = params.get('case');
  try {
    if (which === 'csv') window.__benchResult = await csvCase(Number(params.get('rows') ?? 1_000_000));
    else window.__benchResult = { error: `unknown case ${which}` };
  } catch (err) {
    window.__benchResult = { error: err instanceof Error ? err.message : String(err) };
  }
  document.body.dataset.done = 'true';
}

void run();
