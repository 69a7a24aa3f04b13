// Runs before `npm test` so that the README's test command works on a fresh
// machine: installs the locked npm packages when node_modules is missing and
// Debian's Chromium (for the end-to-end tests) when /usr/bin/chromium is missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const run = (cmd) => execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

if (!existsSync('node_modules/.package-lock.json')) {
  console.log('node_modules missing: npm ci');
  run('npm ci --no-audit --no-fund');
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? '' : 'sudo ';
  console.log(`${chromium} missing: installing Debian's chromium package`);
  try {
    run(`${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq chromium`);
  } catch {
    console.error('Could not install chromium. Install it with: sudo apt-get install chromium (or set CHROMIUM_PATH).');
    process.exit(1);
  }
}
