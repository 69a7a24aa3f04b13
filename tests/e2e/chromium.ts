import { existsSync } from 'node:fs';

// Debian's Chromium; flags that keep it off the network and render WebGL
// through SwiftShader on machines without a GPU.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  throw new Error(`Chromium not found at ${executablePath}: install Debian's "chromium" package (see .ci/run)`);
}

export const chromiumLaunchOptions = {
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
