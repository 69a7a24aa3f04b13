import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/db/engine';
import { queryRows } from '../../src/lib/db/engine';
import { GERMAN_EXCEL, importDelimited } from '../../src/lib/db/import-csv';
import { createNodeEngine } from './helpers/node-engine';

/** Encodes text as Windows-1252 / Latin-1 (all characters used here are in Latin-1). */
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});

describe('German Excel CSV into DuckDB', () => {
  it('reads ";", decimal comma, thousands dot, Latin-1 and missing markers as NULL', async () => {
    const csv = [
      'Gebiet;Jahr;Einwohner;Anteil',
      'Zentrum-Süd;2022;14.059;12,5',
      'Lößnig;2022;10.123;.',
      'Plagwitz;2022;-;3,25',
      'Gohlis;2022;x;k.A.',
    ].join('\r\n');
    const n = await importDelimited(engine, 'test.csv', latin1(csv), 'imported', GERMAN_EXCEL);
    expect(n).toBe(4);
    const rows = await queryRows<{ Gebiet: string; Einwohner: number | null; Anteil: number | null }>(
      engine,
      'SELECT Gebiet, CAST(Einwohner AS DOUBLE) AS Einwohner, CAST(Anteil AS DOUBLE) AS Anteil FROM imported ORDER BY Jahr, Gebiet',
    );
    expect(rows).toEqual([
      { Gebiet: 'Gohlis', Einwohner: null, Anteil: null },
      { Gebiet: 'Lößnig', Einwohner: 10123, Anteil: null },
      { Gebiet: 'Plagwitz', Einwohner: null, Anteil: 3.25 },
      { Gebiet: 'Zentrum-Süd', Einwohner: 14059, Anteil: 12.5 },
    ]);
  });
});
