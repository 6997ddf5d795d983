// What every browser script shares: its arguments, Debian's Chromium started for this
// closed network, and the check that prints `ok: ...` or stops the script.
import { chromium } from 'playwright-core';

// `node SCRIPT BASE_URL [OUT_DIR]`; exits with a usage line without a base URL.
export function args(script) {
  const [base, outDir = '.'] = process.argv.slice(2);
  if (!base) {
    console.error(`usage: node ${script} BASE_URL [OUT_DIR]`);
    process.exit(2);
  }
  return { base, outDir };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok: ${what}`);
}
