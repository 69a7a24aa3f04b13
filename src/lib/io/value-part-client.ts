// The page's side of value-part.worker.ts: one worker, started with the first value part and kept
// (each indicator of a large site is decoded there when first shown). Without Worker support the
// part is decoded here.
import type { ValuePartMessage } from './value-part.worker';
import type { PartPieces } from './value-part-range';
import { workerJobs } from '../data/worker-jobs';

const decoder = workerJobs<Uint8Array>(
  () => new Worker(new URL('./value-part.worker.ts', import.meta.url), { type: 'module' }),
  (reply) => reply.ipc as Uint8Array | undefined,
  'the value part could not be decoded',
);

/** A value part's Parquet bytes (handed over: detached afterwards) as an Arrow IPC stream. */
export async function decodeValuePart(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (typeof Worker === 'undefined') return (await import('./value-part')).valuePartToArrowIPC(bytes, file);
  const message: Omit<ValuePartMessage, 'id'> = { file, bytes };
  return decoder.run(message, [bytes.buffer]);
}

/** Some row groups of a value part (value-part-range.ts: readPartYears; handed over) as an Arrow IPC stream. */
export async function decodeValuePartPieces(pieces: PartPieces, file: string): Promise<Uint8Array> {
  if (typeof Worker === 'undefined') return (await import('./value-part')).valuePartPiecesToArrowIPC(pieces, file);
  const message: Omit<ValuePartMessage, 'id'> = { file, pieces };
  return decoder.run(message, [...new Set(pieces.pieces.map((p) => p.bytes.buffer as ArrayBuffer))]);
}
