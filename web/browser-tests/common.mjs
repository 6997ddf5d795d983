// What every browser script shares: its arguments, Debian's Chromium started for this
// closed network, and the check that prints `ok: ...` or stops the script.
import { readFileSync } from 'node:fs';
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

// Does what leads to another page (follows a link, submits a form) and waits for that page,
// even when it has the same address; then it must be at `url` (a string or a RegExp).
export async function follow(page, act, url) {
  const navigated = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 15000 });
  await act();
  await navigated;
  await page.waitForLoadState('load');
  const at = page.url();
  if (url && !(typeof url === 'string' ? at === url : url.test(at))) throw new Error(`FAILED: expected ${url}, at ${at}`);
}

// Opens `url`, is sent to the login page, logs in as a demo account and lands on `url`.
export async function login(page, base, label, username, url) {
  await page.goto(`${base}${url}`);
  check(page.url().startsWith(`${base}/login?next=`), `${label}: ${username} is asked to log in first`);
  await page.fill('#username', username);
  await page.fill('#password', 'daftar-demo');
  await follow(page, () => page.click('form[action="/login"] button[type=submit]'), `${base}${url}`);
}

// Pages in a PDF: its page objects (not the /Type /Pages tree), or the tree's /Count
// should they be packed out of sight in an object stream.
export function pdfPages(file) {
  const text = readFileSync(file).toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  if (pages > 0) return pages;
  const counts = [...text.matchAll(/\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  return counts.length ? Math.max(...counts) : 0;
}

// Browser windows for one journey, each in its own context (its own cookies), with
// JavaScript on or off; `elsewhere` collects every request that left the server.
export function windows(browser, base, javaScriptEnabled) {
  const elsewhere = [];
  const contexts = [];
  async function open(viewport) {
    const context = await browser.newContext({ javaScriptEnabled, viewport });
    context.on('request', (r) => { if (!r.url().startsWith(base)) elsewhere.push(r.url()); });
    contexts.push(context);
    return context.newPage();
  }
  async function closeAll() {
    for (const c of contexts) await c.close();
  }
  return { open, elsewhere, closeAll };
}
