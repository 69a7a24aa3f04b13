// A long-lived worker answering numbered jobs: each message carries an `id`, each reply the same `id`
// and either its result or `error`. Shared by the worker clients (value parts, programme-area outlines
// and weights), which differ only in the worker, the reply's result field and their error text.

interface Job<R> {
  resolve: (result: R) => void;
  reject: (err: Error) => void;
}

export interface WorkerJobs<R> {
  /** Posts `{ id, ...message }` (transferring `transfer`) and resolves with the reply's result. */
  run(message: object, transfer?: Transferable[]): Promise<R>;
}

/**
 * One worker, created on the first job (`create`) and kept; `result` picks a reply's result (undefined: the
 * reply is an error). A worker that fails rejects its waiting jobs and is started afresh by the next one.
 */
export function workerJobs<R>(create: () => Worker, result: (reply: Record<string, unknown>) => R | undefined, failure: string): WorkerJobs<R> {
  let worker: Worker | null = null;
  let next = 0;
  const waiting = new Map<number, Job<R>>();
  const started = (): Worker => {
    if (worker) return worker;
    const w = create();
    w.onmessage = (e: MessageEvent<{ id: number; error?: string }>) => {
      const job = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      const value = result(e.data as unknown as Record<string, unknown>);
      if (value !== undefined) job?.resolve(value);
      else job?.reject(new Error(e.data.error ?? failure));
    };
    w.onerror = (e) => {
      for (const job of waiting.values()) job.reject(new Error(e.message || failure));
      waiting.clear();
      worker = null;
    };
    worker = w;
    return w;
  };
  return {
    run(message, transfer = []) {
      const w = started();
      const id = next++;
      return new Promise<R>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ ...message, id }, transfer);
      });
    },
  };
}
