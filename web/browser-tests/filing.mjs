// Drives the e-FOAS pages in headless Chromium against a running server:
//   node filing.mjs http://127.0.0.1:PORT OUT_DIR
// The receipt clerk diarises a court case (a missing sender first: the form says so and
// keeps what was typed); the section officer finds it in the inbox, opens a file with it,
// writes a note pointing at Flag A and puts the file up; the deputy secretary sees the note
// sealed with no form to edit it, follows Flag A to the letter, drafts a reply and puts
// the file up; the secretary approves and issues it, and the letter prints alone on one A4
// page. The file reads like a paper file: notes beside the correspondence, on the left in
// English and on the right in Urdu; on a phone it fits the width. Pendency and search find
// the file. Nothing is fetched from elsewhere. The same journey works with JavaScript off.
// Exits non-zero on the first failure.
import { args, check, follow, launch, windows, login, pdfPages } from './common.mjs';

const { base, outDir } = args('filing.mjs');
const SO = 'PB-DEPT-SGAD-005';
const DS = 'PB-DEPT-SGAD-003';
const SECRETARY = 'PB-DEPT-SGAD-001';

const browser = await launch();
const today = new Date().toISOString().slice(0, 10);

// The horizontal middle of an element, to say which side of the page it is on.
async function middle(page, selector) {
  const box = await page.locator(selector).boundingBox();
  return box.x + box.width / 2;
}

async function journey(javaScriptEnabled, n) {
  const label = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  const { open, elsewhere, closeAll } = windows(browser, base, javaScriptEnabled);
  const dak = await open({ width: 1280, height: 900 });
  const so = await open({ width: 1280, height: 900 });
  const ds = await open({ width: 1280, height: 900 });
  const sec = await open({ width: 1280, height: 900 });
  const phone = await open({ width: 390, height: 844 });
  const subject = `Ambulances for the Cholistan health centres, reference ${n}`;

  // 1. The receipt clerk diarises the letter; without a sender the form says so.
  await login(dak, base, label, 'punjab.dak', '/filing/receipts/new');
  await dak.fill('#received_on', today);
  await dak.fill('#subject', subject);
  await dak.selectOption('#category', 'court');
  await dak.selectOption('#marked_to', SO);
  const diarise = dak.locator('form[action="/filing/receipts"] button[type=submit]');
  await follow(dak, () => diarise.click(), `${base}/filing/receipts`);
  check(await dak.locator('.error-summary a[href="#sender"]').count() === 1, `${label}: a missing sender is named in the error summary`);
  check(await dak.inputValue('#subject') === subject, `${label}: what was typed is kept`);
  await dak.fill('#sender', 'Registrar, Lahore High Court');
  await dak.fill('#letter_no', `LHC/${n}/2026`);
  await follow(dak, () => diarise.click(), /\/filing\/receipts\/[0-9a-f-]{36}$/);
  const receiptUrl = dak.url();
  const receiptText = await dak.locator('main').innerText();
  check(receiptText.includes('Court case') && receiptText.includes(subject), `${label}: the receipt is diarised as a court case`);

  // 2. The section officer finds it in the inbox and opens a file with it.
  await login(so, base, label, 'punjab.so', '/filing');
  const inReceipt = so.locator(`a[href="${receiptUrl.slice(base.length)}"]`);
  check(await inReceipt.count() >= 1, `${label}: the receipt is in the section officer's inbox`);
  await follow(so, () => inReceipt.first().click(), receiptUrl);
  await so.selectOption('#section', 'ADMIN');
  await so.fill('#subject', subject);
  await follow(so, () => so.locator(`form[action$="/file"] button[type=submit]`).click(), /\/filing\/files\/[0-9a-f-]{36}$/);
  const fileUrl = so.url();
  const filePath = fileUrl.slice(base.length);
  const number = (await so.locator('h1').innerText()).trim();
  check(/^SO\(ADMIN\)/.test(number), `${label}: file ${number} is opened in the department's scheme`);
  check(await so.locator('#flag-A').count() === 1, `${label}: the letter is on the file as Flag A`);

  // 3. A note of two paragraphs, the second pointing at Flag A; the file goes up.
  const first = `The High Court asks for a report on the ambulances (${n}).`;
  await so.fill('#text', `${first}\n\nThe letter is at Flag A. A reply is due within the week.`);
  await follow(so, () => so.locator('form[action$="/notes"] button[type=submit]').first().click(), `${fileUrl}#note-form`);
  check(await so.locator('.fl-note--draft').count() === 1, `${label}: the note is a draft while the file is with its author`);
  await so.selectOption('#action', 'put_up');
  await so.selectOption('#to_post', DS);
  await follow(so, () => so.locator('form[action$="/move"] button[type=submit]').first().click(), `${base}/filing`);
  check(await so.locator(`a[href="${filePath}"]`).count() === 0, `${label}: the file has left the section officer's inbox`);

  // 4. The deputy secretary: the note sealed and numbered, nothing to edit it with.
  await login(ds, base, label, 'punjab.ds', filePath);
  check(await ds.locator('#para-1').count() === 1 && await ds.locator('#para-2').count() === 1, `${label}: the sealed note's paragraphs are numbered 1 and 2`);
  const fields = await ds.locator('textarea').evaluateAll((ts) => ts.map((t) => t.value).join('\n'));
  check(!fields.includes(first), `${label}: no form edits the sealed note`);
  check(await middle(ds, '#notes') < await middle(ds, '#correspondence'), `${label}: in English the notes are on the left, the correspondence on the right`);
  await ds.locator('#para-2 a[href="#flag-A"]').click();
  check(await ds.evaluate(() => document.querySelector(':target')?.id) === 'flag-A', `${label}: Flag A in the note leads to the letter`);

  // 5. The deputy secretary drafts the reply and puts the file up to the secretary.
  await follow(ds, () => ds.locator('a[href$="/drafts/new"]').click(), `${fileUrl}/drafts/new`);
  await ds.fill('#subject', `Report on the ambulances (${n})`);
  await ds.fill('#addressee', 'The Registrar\nLahore High Court, Lahore');
  await ds.fill('#body', 'Sir,\n\nI am directed to refer to your letter cited above. The report is enclosed.');
  await follow(ds, () => ds.locator('form[action$="/drafts"] button[type=submit]').click(), /\/drafts\/[0-9a-f-]{36}$/);
  const draftUrl = ds.url();
  await ds.goto(fileUrl);
  await ds.fill('#text', 'A reply is placed below for approval.');
  await follow(ds, () => ds.locator('form[action$="/notes"] button[type=submit]').first().click(), `${fileUrl}#note-form`);
  await ds.selectOption('#action', 'put_up');
  await ds.selectOption('#to_post', SECRETARY);
  await follow(ds, () => ds.locator('form[action$="/move"] button[type=submit]').first().click(), `${base}/filing`);

  // 6. The secretary approves and issues it; the letter prints alone, on one A4 page.
  await login(sec, base, label, 'punjab.secretary', draftUrl.slice(base.length));
  await follow(sec, () => sec.locator('form[action$="/approve"] button').click(), /\/drafts\/[0-9a-f-]{36}$/);
  await follow(sec, () => sec.locator('form[action$="/issue"] button').click(), /\/drafts\/[0-9a-f-]{36}$/);
  await sec.goto(`${draftUrl}/letter`);
  const letter = await sec.locator('.fl-letter').innerText();
  check(/\/D-\d+/.test(letter), `${label}: the issued letter carries its dispatch number`);
  check(await sec.locator('.fl-letter-draft').count() === 0, `${label}: an issued letter is not marked as a draft`);
  await sec.emulateMedia({ media: 'print' });
  check(!(await sec.locator('.site-header').isVisible()) && await sec.locator('.fl-letter').isVisible(), `${label}: the letter prints without the site's header`);
  await sec.emulateMedia({ media: 'screen' });
  if (javaScriptEnabled) {
    const pdf = `${outDir}/letter.pdf`;
    await sec.pdf({ path: pdf, format: 'A4', printBackground: true });
    check(pdfPages(pdf) === 1, `${label}: the letter prints on one A4 page`);
  }

  // 7. Pendency shows where the files are; search finds this one by a word of its note.
  await sec.goto(`${base}/filing/pendency`);
  const pendency = await sec.locator('main').innerText();
  check(pendency.includes(SECRETARY) && pendency.includes(number), `${label}: pendency shows the file with the secretary`);
  await sec.goto(`${base}/filing/search`);
  await sec.fill('#q', 'ambulances');
  await follow(sec, () => sec.locator('form[action="/filing/search"] button[type=submit]').click(), /\/filing\/search\?/);
  check(await sec.locator(`a[href="${filePath}"]`).count() >= 1, `${label}: search finds the file by a word of its note`);

  // 8. In Urdu the file runs right to left: the notes on the right.
  await sec.goto(fileUrl);
  await follow(sec, () => sec.click('a.lang-switch'), fileUrl);
  check(await sec.locator('html[dir="rtl"][lang="ur"]').count() === 1, `${label}: the Urdu file page runs right to left`);
  check(await middle(sec, '#notes') > await middle(sec, '#correspondence'), `${label}: in Urdu the notes are on the right`);
  if (javaScriptEnabled) await sec.screenshot({ path: `${outDir}/file-ur.png`, fullPage: true });

  // 9. On a phone the file fits the width, the notes above the correspondence.
  await login(phone, base, label, 'punjab.secretary', filePath);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  check(width <= 390, `${label}: the file page fits a phone's width (${width}px)`);
  const [notes, corr] = [await phone.locator('#notes').boundingBox(), await phone.locator('#correspondence').boundingBox()];
  check(notes.y < corr.y, `${label}: on a phone the notes come first`);

  check(elsewhere.length === 0, `${label}: no request left the server${elsewhere.length ? `: ${elsewhere.join(', ')}` : ''}`);
  await closeAll();
}

try {
  await journey(true, 1);
  await journey(false, 2);
} finally {
  await browser.close();
}
