// One `vite preview` of a build for the benchmark scripts (bench.mjs, bench-scale.mjs, trace-start.mjs):
// started detached (stop it with process.kill(-server.pid)), resolved once it answers.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Serves `dist` on 127.0.0.1:`port`; refuses a port another server already answers on (it would be
 * measured instead of this build, silently).
 * @param {string} dist
 * @param {number} port
 * @param {{ cwd?: string, tries?: number }} [options]
 */
export async function startPreview(dist, port, options = {}) {
  const base = `http://127.0.0.1:${port}/`;
  const taken = await fetch(base).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} is in use (another bench?): pass --port N`);
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--outDir', resolve(dist)], {
    cwd: options.cwd,
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < (options.tries ?? 100); i++) {
    try {
      if ((await fetch(base)).ok) return server;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(-server.pid);
  throw new Error(`preview server of ${dist} did not start on port ${port}`);
}
