// Drives the e-Khidmat Markaz pages in headless Chromium against a running server:
//   node khidmat.mjs http://127.0.0.1:PORT OUT_DIR
// A citizen takes a token at the kiosk on a phone and sees it on the display board; the
// counter operator calls it, takes a domicile application (a bad CNIC first), and records
// the cash; the back-office officer moves it on until the counter hands it over; the
// citizen tracks it and checks the certificate; Urdu pages run right to left; the receipt
// and the certificate print without navigation, the certificate on one A4 page; nothing is
// fetched from elsewhere. The same journey works with JavaScript turned off.
// Exits non-zero on the first failure.
import { args, check, follow, launch, windows, login as loginAt, pdfPages } from './common.mjs';

const { base, outDir } = args('khidmat.mjs');
const CENTRE = 'PB-EKM-LHR-JT';
const COUNTER = `${CENTRE}-C1`;

const browser = await launch();
const login = (page, label, username, url) => loginAt(page, base, label, username, url);

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// A CNIC no earlier run used: 13 digits from the clock, the last one per journey.
function freshCnic(n) {
  const d = String(Date.now()).slice(-7);
  return `35202-${d}-${n}`;
}

// Whether the site's navigation shows when the page is printed (and that it shows on screen).
async function navOnPrint(page) {
  const onScreen = await page.locator('.site-nav').count() > 0 && await page.locator('.site-nav').isVisible();
  await page.emulateMedia({ media: 'print' });
  const inPrint = await page.locator('.site-nav').count() > 0 && await page.locator('.site-nav').isVisible();
  return { onScreen, inPrint };
}

// What sticks out of a slip as it prints: elements outside it, or whose text runs past
// their own edge (a long line with nowhere to break).
async function slipOverflow(page) {
  return page.locator('.slip').evaluate((slip) => {
    const box = slip.getBoundingClientRect();
    return [slip, ...slip.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const spills = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || spills);
      })
      .map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}"`);
  });
}

async function journey(javaScriptEnabled, n) {
  const label = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  const { open, elsewhere, closeAll } = windows(browser, base, javaScriptEnabled);
  const phone = await open({ width: 390, height: 844 });
  const boardScreen = await open({ width: 1280, height: 720 });
  const desk = await open({ width: 1280, height: 900 });
  const office = await open({ width: 1280, height: 900 });

  // 1. The display board is up; a citizen takes a token at the kiosk on a phone.
  await boardScreen.goto(`${base}/khidmat/board/${CENTRE}`);
  check(await boardScreen.locator('#board h2').count() >= 2, `${label}: the display board shows who is served and who is next`);
  const refreshing = await boardScreen.locator('meta[http-equiv="refresh"]').count();
  const reloaded = javaScriptEnabled ? null : boardScreen.waitForEvent('load', { timeout: 30000 }).catch(() => null);
  if (javaScriptEnabled) check(refreshing === 0, `${label}: the live board does not reload itself`);

  await phone.goto(`${base}/khidmat/kiosk/${CENTRE}`);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `${label}: the kiosk fits a phone's width (${width}px)`);
  await follow(phone, () => phone.click('form:has(input[name=category][value=general]) button[type=submit]'), `${base}/khidmat/kiosk/${CENTRE}`);
  const token = (await phone.locator('.slip .token-number').innerText()).trim();
  check(/^[A-Z]-\d{3}$/.test(token), `${label}: the kiosk prints token ${token}`);

  // 2. The board shows it: live with JavaScript, by its own refresh without.
  if (javaScriptEnabled) {
    await boardScreen.waitForFunction((t) => document.getElementById('board').innerText.includes(t), token, { timeout: 15000 });
    check(await boardScreen.locator('html.live').count() === 1, `${label}: the board updates itself live and shows ${token}`);
  } else {
    check(refreshing === 1, `${label}: the board refreshes itself without JavaScript`);
    await reloaded;
    // Should a refresh have come before the token, the next one brings it.
    if (!(await boardScreen.locator('#board').innerText()).includes(token)) await boardScreen.waitForEvent('load', { timeout: 30000 }).catch(() => null);
    check((await boardScreen.locator('#board').innerText()).includes(token), `${label}: after its refresh the board shows ${token}`);
  }

  // 3. The counter operator calls it.
  await login(desk, label, 'punjab.operator', '/khidmat/counter');
  check((await desk.locator('h1').innerText()).trim() === 'Service counter', `${label}: the operator is at the counter desk`);
  // Tokens taken earlier (another journey's, the demo's) are called first.
  let called = '';
  let calls = 0;
  while (called !== token && calls < 10) {
    await follow(desk, () => desk.locator(`form[action="/khidmat/counter/${COUNTER}/call-next"] button`).click(),
      new RegExp(`/khidmat/counter\\?counter=${escapeRe(COUNTER)}$`));
    calls += 1;
    called = (await desk.locator('p.token-number strong').innerText()).trim();
  }
  check(called === token, `${label}: calling next at counter 1 brings ${token} to the desk (${calls} call(s))`);
  const onBoard = javaScriptEnabled
    ? await boardScreen.waitForFunction((t) => [...document.querySelectorAll('#board .board-table td.token-number')].some((td) => td.innerText.trim() === t), token, { timeout: 15000 }).then(() => true, () => false)
    : null;
  if (javaScriptEnabled) check(onBoard, `${label}: the board shows ${token} at a counter`);

  // The application: choose the service, then its form.
  await follow(desk, () => desk.locator('a.button[href^="/khidmat/applications/new"]').click(), /\/khidmat\/applications\/new\?/);
  await follow(desk, () => desk.locator('a[href*="service=DOMICILE"]').click(), /service=DOMICILE/);
  check(await desk.locator('form[action="/khidmat/applications"]').count() === 1, `${label}: the domicile form is shown`);
  const cnic = freshCnic(n);
  const last4 = cnic.replace(/\D/g, '').slice(-4);
  const name = 'Hamza Tariq';
  await desk.fill('[name="applicant.cnic"]', '35202-12345');
  await desk.fill('[name="applicant.name"]', name);
  await desk.fill('[name="applicant.father_name"]', 'Tariq Mehmood');
  await desk.selectOption('[name="applicant.gender"]', 'male');
  await desk.fill('[name="applicant.mobile"]', '0333 4445566');
  await desk.fill('[name="form.father_name"]', 'Tariq Mehmood');
  await desk.fill('[name="form.address"]', '12 Mall Road, Lahore');
  await desk.fill('[name="form.date_of_birth"]', '1999-02-28');
  const take = desk.locator('form[action="/khidmat/applications"] button[type=submit]');

  // 4. A bad CNIC: the form again, the message beside the field, what was typed kept.
  await follow(desk, () => take.click(), `${base}/khidmat/applications`);
  check(await desk.locator('.error-summary a[href="#applicant.cnic"]').count() === 1, `${label}: a bad CNIC is listed in the error summary, linked to its field`);
  const cnicField = desk.locator('.field--error:has([name="applicant.cnic"])');
  check((await cnicField.locator('.error-message').innerText()).includes('13 digits'), `${label}: the message beside the CNIC says how to fix it`);
  check(await desk.locator('[name="applicant.cnic"]').getAttribute('aria-invalid') === 'true', `${label}: the CNIC field is marked invalid`);
  check(await desk.inputValue('[name="applicant.name"]') === name
    && await desk.inputValue('[name="applicant.cnic"]') === '35202-12345'
    && await desk.inputValue('[name="form.date_of_birth"]') === '1999-02-28'
    && await desk.inputValue('[name="applicant.gender"]') === 'male', `${label}: what was typed is kept`);

  await desk.fill('[name="applicant.cnic"]', cnic);
  await follow(desk, () => take.click(), /\/khidmat\/applications\/[A-Z]{2}-\d{4}-\d+$/);
  const tracking = (await desk.locator('h1').innerText()).trim();
  check(desk.url().endsWith(`/${tracking}`), `${label}: the application is taken: ${tracking}`);
  const total = (await desk.locator('table.data tfoot td').first().innerText()).trim();
  const heads = await desk.locator('table.data').first().locator('tbody tr').count();
  check(heads === 3 && total === 'Rs 550', `${label}: the receipt shows ${heads} fee heads and their total (${total})`);
  check(await desk.locator('figure.qr svg').count() === 1, `${label}: the receipt has a QR code to track it`);

  // The cash: a wrong amount is refused beside the field; the total is accepted.
  await desk.check('input[name=method][value=cash]');
  await desk.fill('#amount', '500');
  const pay = desk.locator(`form[action="/khidmat/applications/${tracking}/pay"] button[type=submit]`);
  await follow(desk, () => pay.click(), `${base}/khidmat/applications/${tracking}/pay`);
  check(await desk.locator('.field--error:has(#amount) .error-message').count() === 1, `${label}: a wrong amount is refused beside the field`);
  await desk.fill('#amount', total.replace(/[^\d.]/g, ''));
  await follow(desk, () => pay.click(), `${base}/khidmat/applications/${tracking}`);
  check(await desk.locator(`form[action$="/pay"]`).count() === 0 && (await desk.locator('main').innerText()).includes(total), `${label}: the cash payment of ${total} is recorded`);

  // 8. The receipt slip prints without the navigation.
  await desk.goto(`${base}/khidmat/applications/${tracking}/receipt`);
  check((await desk.locator('.slip').innerText()).includes(tracking), `${label}: the receipt slip shows the tracking id`);
  const receiptNav = await navOnPrint(desk);
  check(receiptNav.onScreen && !receiptNav.inPrint, `${label}: printing the receipt hides the navigation`);
  const wide = await slipOverflow(desk);
  check(wide.length === 0, `${label}: the printed receipt fits its 80 mm slip (${wide.join(', ')})`);
  if (javaScriptEnabled) await desk.pdf({ path: `${outDir}/receipt.pdf`, preferCSSPageSize: true });
  await desk.emulateMedia({ media: 'screen' });

  // 5. The back-office officer finds it in the queue and moves it on.
  await login(office, label, 'punjab.officer', '/khidmat/queue');
  const row = office.locator(`table.data a[href="/khidmat/applications/${tracking}"]`);
  check(await row.count() === 1, `${label}: the officer's queue lists ${tracking}`);
  await follow(office, () => row.click(), `${base}/khidmat/applications/${tracking}`);
  const forward = office.locator('form[action$="/transition"] button[name=action]:not([value=return]):not([value=reject])');
  const done = [];
  const labels = [];
  while (await forward.count() > 0 && done.length < 6) {
    const action = await forward.first().getAttribute('value');
    labels.push((await forward.first().innerText()).trim());
    await follow(office, () => forward.first().click(), `${base}/khidmat/applications/${tracking}`);
    done.push(action);
  }
  check(done.length >= 3, `${label}: the officer takes it through ${done.join(', ')}`);
  check(labels.every((l, i) => !l.includes(done[i])) && labels[0].includes('Scrutiny of documents'),
    `${label}: each button names the stage it completes (${labels.join(' / ')})`);

  // The counter hands it over.
  await desk.goto(`${base}/khidmat/applications/${tracking}`);
  const deliver = desk.locator('form[action$="/transition"] button[value=deliver]');
  check(await deliver.count() === 1, `${label}: the counter may hand it over`);
  await follow(desk, () => deliver.click(), `${base}/khidmat/applications/${tracking}`);
  check((await desk.locator('p.lead strong').innerText()).trim() === 'Delivered', `${label}: it is delivered`);

  // The certificate: A4, no navigation, one page.
  await follow(desk, () => desk.locator(`a[href="/khidmat/applications/${tracking}/certificate"]`).click(), `${base}/khidmat/applications/${tracking}/certificate`);
  const cert = await desk.locator('article.certificate').innerText();
  check(cert.includes(name) && cert.includes('تصدیق'), `${label}: the certificate names the holder in English and Urdu`);
  const certNav = await navOnPrint(desk);
  check(certNav.onScreen && !certNav.inPrint, `${label}: printing the certificate hides the navigation`);
  const siteChrome = await desk.evaluate(() => ['.site-header', '.site-footer']
    .filter((sel) => { const el = document.querySelector(sel); return el && getComputedStyle(el).display !== 'none'; }));
  check(siteChrome.length === 0, `${label}: the printed certificate carries no site header or footer (${siteChrome.join(', ')})`);
  const pdf = `${outDir}/certificate-${n}.pdf`;
  await desk.pdf({ path: pdf, format: 'A4' });
  const pages = pdfPages(pdf);
  check(pages === 1, `${label}: the certificate prints on one A4 page (${pages})`);
  await desk.emulateMedia({ media: 'screen' });
  const verifyHref = await desk.locator('article.certificate a[href*="/public/verify?c="]').getAttribute('href');
  const payload = (await desk.locator('article.certificate .payload').innerText()).trim();
  check(!!verifyHref && verifyHref.endsWith(`?c=${payload}`) && payload.startsWith('DKC1.'),
    `${label}: the certificate links to its verification page (its QR code's target)`);

  // 6. The citizen tracks it on the phone.
  await phone.goto(`${base}/public/track`);
  await phone.fill('#tracking_id', tracking);
  await phone.fill('#cnic_last4', last4);
  await follow(phone, () => phone.locator('form[action="/public/track"] button[type=submit]').click(), /\/public\/track\?tracking_id=/);
  const steps = await phone.locator('ol.steps li').allInnerTexts();
  check(steps.length >= 5 && steps.some((s) => s.includes('Scrutiny')) && steps.some((s) => s.includes('Delivered')), `${label}: tracking shows the stages (${steps.length}) to delivery`);

  // The verification page, from the certificate's link (its QR code's target).
  await phone.goto(verifyHref.startsWith('http') ? verifyHref : `${base}${verifyHref}`);
  const verdict = await phone.locator('main').innerText();
  check(verdict.includes('This certificate is genuine') && verdict.includes(tracking), `${label}: the verification page says the certificate is genuine`);
  check(await phone.inputValue('textarea#c') === payload, `${label}: the verification form holds the certificate's code`);
  await follow(phone, () => phone.locator('form[action="/public/verify"] button[type=submit]').click(), /\/public\/verify\?c=/);
  check((await phone.locator('main').innerText()).includes('This certificate is genuine'), `${label}: checking it again from the form says it is genuine`);

  // 7. Urdu: the tracking page, the verification page and the counter run right to left.
  await phone.goto(`${base}/public/track?tracking_id=${tracking}&cnic_last4=${last4}`);
  await follow(phone, () => phone.click('a.lang-switch'), /\/public\/track\?tracking_id=/);
  check(await phone.locator('html[dir=rtl][lang=ur]').count() === 1, `${label}: the tracking page in Urdu is right to left`);
  const urTrack = await phone.locator('main').innerText();
  check(urTrack.includes('اپنی درخواست ٹریک کریں') && urTrack.includes('دستاویزات کی جانچ پڑتال') && urTrack.includes('حوالے کر دی گئی')
    && !urTrack.includes('Delivered'), `${label}: the tracking page shows its stages in Urdu`);
  const trackWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
  check(trackWidth <= 390, `${label}: the Urdu tracking page fits the phone (${trackWidth}px)`);
  await phone.goto(verifyHref.startsWith('http') ? verifyHref : `${base}${verifyHref}`);
  check(await phone.locator('html[dir=rtl][lang=ur]').count() === 1
    && (await phone.locator('main').innerText()).includes('یہ سرٹیفکیٹ اصلی ہے'), `${label}: the verification page says so in Urdu, right to left`);
  if (javaScriptEnabled) await phone.screenshot({ path: `${outDir}/verify-ur.png`, fullPage: true });

  await desk.goto(`${base}/khidmat/counter`);
  await follow(desk, () => desk.click('a.lang-switch'), /\/khidmat\/counter/);
  check(await desk.locator('html[dir=rtl][lang=ur]').count() === 1, `${label}: the counter desk in Urdu is right to left`);
  const urDesk = await desk.locator('main').innerText();
  check(urDesk.includes('سروس کاؤنٹر') && urDesk.includes('اب باری') && !urDesk.includes('Now serving'), `${label}: the counter desk is in Urdu`);
  if (javaScriptEnabled) {
    await phone.goto(`${base}/public/track?tracking_id=${tracking}&cnic_last4=${last4}`);
    await phone.screenshot({ path: `${outDir}/track-ur.png`, fullPage: true });
    await desk.screenshot({ path: `${outDir}/counter-ur.png`, fullPage: true });
  }

  // 8, in Urdu: the receipt and the certificate print without navigation, on one A4 page.
  await desk.goto(`${base}/khidmat/applications/${tracking}/receipt`);
  const urReceiptNav = await navOnPrint(desk);
  const urWide = await slipOverflow(desk);
  check(urReceiptNav.onScreen && !urReceiptNav.inPrint && urWide.length === 0,
    `${label}: the Urdu receipt prints without navigation and fits its slip (${urWide.join(', ')})`);
  await desk.emulateMedia({ media: 'screen' });
  await desk.goto(`${base}/khidmat/applications/${tracking}/certificate`);
  check(await desk.locator('html[dir=rtl][lang=ur]').count() === 1, `${label}: the certificate page in Urdu is right to left`);
  const urCertNav = await navOnPrint(desk);
  check(urCertNav.onScreen && !urCertNav.inPrint, `${label}: printing the Urdu certificate hides the navigation`);
  const urPdf = `${outDir}/certificate-ur-${n}.pdf`;
  await desk.pdf({ path: urPdf, format: 'A4' });
  const urPages = pdfPages(urPdf);
  check(urPages === 1, `${label}: the certificate printed from the Urdu page is one A4 page (${urPages})`);
  await desk.emulateMedia({ media: 'screen' });

  check(elsewhere.length === 0, `${label}: no request left the server (${elsewhere.join(', ')})`);
  await closeAll();
}

try {
  await journey(true, 1);
  await journey(false, 2);
} catch (e) {
  console.error(e.message);
  await browser.close();
  process.exit(1);
}
await browser.close();
