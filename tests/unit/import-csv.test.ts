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

describe('numbers with thousands dots that the sniffer leaves as text', () => {
  it('become numbers; digit-only codes with leading zeros stay text', async () => {
    const lines = ['AGS;Gebiet;Einwohner;Anteil'];
    for (let i = 0; i < 3000; i++) {
      const pop = 1000 + ((i * 7919) % 90000);
      lines.push(`0${1001 + i};Gebiet ${i};${pop.toLocaleString('de-DE')};${(((i * 37) % 1000) / 10).toLocaleString('de-DE')}`);
    }
    await importDelimited(engine, 'big.csv', new TextEncoder().encode(lines.join('\r\n')), 'grouped', { ...GERMAN_EXCEL, encoding: 'utf-8' });
    const types = await queryRows<{ column_name: string; column_type: string }>(engine, 'DESCRIBE grouped');
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({
      AGS: 'VARCHAR',
      Einwohner: 'DOUBLE',
      Anteil: 'DOUBLE',
    });
    const [first] = await queryRows<{ AGS: string; Einwohner: number }>(engine, 'SELECT AGS, Einwohner FROM grouped LIMIT 1');
    expect(first).toEqual({ AGS: '01001', Einwohner: 1000 });
    const [sum] = await queryRows<{ s: number }>(engine, 'SELECT sum(Einwohner) AS s FROM grouped');
    let expected = 0;
    for (let i = 0; i < 3000; i++) expected += 1000 + ((i * 7919) % 90000);
    expect(sum?.s).toBe(expected);
  });
});
