// Decodes value parts off the main thread: Parquet bytes (a whole file, or the pieces read by years:
// value-part-range.ts) in, an Arrow IPC stream out (transferred).
import { valuePartPiecesToArrowIPC, valuePartToArrowIPC } from './value-part';
import type { PartPieces } from './value-part-range';

export interface ValuePartMessage {
  id: number;
  file: string;
  bytes?: Uint8Array;
  pieces?: PartPieces;
}

self.onmessage = async (e: MessageEvent<ValuePartMessage>) => {
  const { id, file, bytes, pieces } = e.data;
  try {
    const ipc = pieces ? await valuePartPiecesToArrowIPC(pieces, file) : await valuePartToArrowIPC(bytes!, file);
    (self as unknown as Worker).postMessage({ id, ipc }, [ipc.buffer]);
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
