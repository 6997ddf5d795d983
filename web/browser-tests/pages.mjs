// Drives Daftar's pages in headless Chromium against a running server:
//   node pages.mjs http://127.0.0.1:PORT OUT_DIR
// A Balochistan administrator logs in, browses the geography in Urdu (right to left,
// Nastaliq font served by Daftar itself), prints, and nothing is fetched from elsewhere.
// The same journey works with JavaScript turned off. Exits non-zero on the first failure.
import { args, check, launch } from './common.mjs';

const { base, outDir } = args('pages.mjs');

const browser = await launch();

async function journey(javaScriptEnabled) {
  const label = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const elsewhere = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) elsewhere.push(r.url()); });

  await page.goto(`${base}/mdm/geo`);
  check(page.url().startsWith(`${base}/login?next=`), `${label}: a page needing login sends to the login form`);
  await page.fill('#username', 'balochistan.admin');
  await page.fill('#password', 'daftar-demo');
  await Promise.all([page.waitForURL(`${base}/mdm/geo`), page.click('form[action="/login"] button[type=submit]')]);
  check(await page.locator('h1').count() === 1, `${label}: logged in and back on the geography page`);

  await Promise.all([page.waitForURL(`${base}/mdm/geo`), page.click('a.lang-switch')]);
  const html = page.locator('html');
  check(await html.getAttribute('dir') === 'rtl' && await html.getAttribute('lang') === 'ur', `${label}: Urdu pages are right to left`);
  const text = await page.locator('main').innerText();
  check(text.includes('کوئٹہ ڈویژن') && text.includes('گوادر'), `${label}: Balochistan's divisions and districts are listed in Urdu`);
  check(!text.includes('لاہور') && !text.includes('Lahore'), `${label}: nothing of Punjab shows`);

  if (javaScriptEnabled) {
    const font = await page.evaluate(async () => {
      await document.fonts.ready;
      const h1 = document.querySelector('h1');
      return { family: getComputedStyle(h1).fontFamily, loaded: document.fonts.check('20px "Noto Nastaliq Urdu"', 'کوئٹہ') };
    });
    check(font.family.includes('Noto Nastaliq Urdu') && font.loaded, `Urdu headings use the embedded Nastaliq font (${font.family})`);
    const align = await page.evaluate(() => {
      const nav = document.querySelector('.site-nav');
      return nav ? getComputedStyle(nav).direction : 'none';
    });
    check(align === 'rtl', 'the navigation runs right to left');
    await page.screenshot({ path: `${outDir}/geo-ur.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const navShown = await page.evaluate(() => {
      const nav = document.querySelector('.site-nav');
      return nav && getComputedStyle(nav).display !== 'none';
    });
    check(!navShown, 'printing hides the navigation');
    await page.pdf({ path: `${outDir}/geo-ur.pdf`, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
  }

  await Promise.all([page.waitForURL(/\/mdm\/geo\/BA-/), page.locator('ul.tree a[href^="/mdm/geo/BA-"]').first().click()]);
  check((await page.locator('main').innerText()).length > 50, `${label}: a division's page opens from the tree`);
  await Promise.all([page.waitForURL(`${base}/login`), page.click('form[action="/logout"] button')]);
  check(true, `${label}: logging out is a form post`);
  check(elsewhere.length === 0, `${label}: no request left the server (${elsewhere.join(', ')})`);
  await context.close();
}

try {
  await journey(true);
  await journey(false);
} catch (e) {
  console.error(e.message);
  await browser.close();
  process.exit(1);
}
await browser.close();
