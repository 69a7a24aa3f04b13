// Joins a parsed table to a site's areas off the main thread (a Gemeinde table
// with 260,000 rows takes seconds): see join-off-thread.ts.
import { joinTable } from './import-table';

type JoinArgs = Parameters<typeof joinTable>;

self.onmessage = (e: MessageEvent<{ id: number; args: JoinArgs }>) => {
  const { id, args } = e.data;
  try {
    (self as unknown as Worker).postMessage({ id, result: joinTable(...args) });
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
