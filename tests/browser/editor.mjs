// Browser check of the plan editor: text typed is saved by itself, survives a reload, and
// survives a session that ends while the user is typing (kept in the browser, offered back
// after signing in again). Plain Node ESM with playwright-core, no test framework.
//
// Environment:
//   KEHOACHSO_BASE_URL   e.g. http://127.0.0.1:41234
//   KEHOACHSO_USERNAME, KEHOACHSO_PASSWORD   an editor of the plan's unit
//   KEHOACHSO_SECTION    the path of a section, e.g. /plans/3?section=PL1.P1.I.1
//   CHROMIUM_PATH        optional: the Chromium binary (default /usr/bin/chromium)
//
// Prints "ok <case>" or "not ok <case>: <reason>", then "N passed, M failed".

import { chromium } from 'playwright-core';

const TIMEOUT = 15_000;
const base = process.env.KEHOACHSO_BASE_URL;
const username = process.env.KEHOACHSO_USERNAME;
const password = process.env.KEHOACHSO_PASSWORD;
const section = process.env.KEHOACHSO_SECTION;
if (!base || !username || !password || !section) {
  console.error('editor.mjs: KEHOACHSO_BASE_URL, KEHOACHSO_USERNAME, KEHOACHSO_PASSWORD and KEHOACHSO_SECTION are required');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
context.setDefaultTimeout(TIMEOUT);
const page = await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('favicon')) errors.push(m.text()); });

let passed = 0;
let failed = 0;
async function check(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`not ok ${name}: ${e.message.split('\n')[0]}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

async function signIn() {
  await page.fill('#login-form input[name=username]', username);
  await page.fill('#login-form input[name=password]', password);
  await page.click('#login-form button[type=submit]');
}

const first = 'Năm 2025, toàn bộ văn bản đi, đến của đơn vị được xử lý trên môi trường mạng.';
const second = ' Đoạn này được gõ khi phiên làm việc đã hết hạn.';

await check('typing is saved by itself', async () => {
  await page.goto(new URL(`/login?next=${encodeURIComponent(section)}`, base).href);
  await signIn();
  await page.waitForSelector('#rich-editor');
  await page.click('#rich-editor');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(first);
  await page.waitForSelector('#save-status.saved');
  const status = await page.textContent('#save-status');
  expect(status.includes('Đã lưu'), `status says "${status}"`);
});

await check('the saved text is there after a reload', async () => {
  await page.reload();
  await page.waitForSelector('#rich-editor');
  const text = await page.textContent('#rich-editor');
  expect(text.includes(first), `editor holds "${text}"`);
  expect(await page.isHidden('#draft-restore'), 'no draft is offered when nothing is lost');
});

await check('text typed after the session ended is offered back after signing in', async () => {
  // The server forgets the session, as it does after 30 idle minutes; the browser keeps its
  // cookie, which now names no session.
  await context.addCookies([{ name: 'kehoachso_session', value: 'f'.repeat(64), url: base }]);
  await page.click('#rich-editor');
  await page.keyboard.press('End');
  await page.keyboard.type(second);
  await page.waitForURL(/\/login/);
  await signIn();
  await page.waitForSelector('#rich-editor');
  expect(page.url().includes(section.split('?')[0]), `came back to ${page.url()}`);
  await page.waitForSelector('#draft-restore:not([hidden])');
  await page.click('#draft-restore button[data-draft=restore]');
  const text = await page.textContent('#rich-editor');
  expect(text.includes(second.trim()), `editor holds "${text}"`);
  await page.waitForSelector('#save-status.saved');
  await page.reload();
  await page.waitForSelector('#rich-editor');
  const stored = await page.textContent('#rich-editor');
  expect(stored.includes(second.trim()), `after reload "${stored}"`);
});

await check('three sections filled and one marked not applicable are all there after reloads, and readiness lists the rest', async () => {
  await page.goto(new URL('/', base).href);
  await page.click('a[href^="/plans/"]');
  await page.waitForSelector('.section-tree');
  const before = await page.locator('.tree-item.missing').count();
  const hrefs = await page.$$eval('.tree-item.state-empty a', (links) => links.slice(0, 4).map((a) => a.getAttribute('href')));
  expect(hrefs.length === 4, `found ${hrefs.length} empty sections`);
  const texts = ['Hạ tầng mạng LAN đã phủ 100% phòng ban.', 'Cổng thông tin điện tử hoạt động ổn định.', 'Đã tổ chức 12 lớp tập huấn kỹ năng số.'];
  for (let i = 0; i < 3; i += 1) {
    await page.goto(new URL(hrefs[i], base).href);
    await page.waitForSelector('#rich-editor');
    await page.click('#rich-editor');
    await page.keyboard.type(texts[i]);
    await page.waitForSelector('#save-status.saved');
  }
  await page.goto(new URL(hrefs[3], base).href);
  await page.waitForSelector('#rich-editor');
  await page.check('#f-na');
  await page.fill('#f-reason', 'Đơn vị không quản lý hệ thống thông tin cấp độ 3 trở lên.');
  await page.click('#section-form button[type=submit]');
  await page.waitForSelector('#save-status.saved');
  for (let i = 0; i < 3; i += 1) {
    await page.goto(new URL(hrefs[i], base).href);
    await page.waitForSelector('#rich-editor');
    const text = await page.textContent('#rich-editor');
    expect(text.includes(texts[i]), `section ${i + 1} holds "${text}"`);
  }
  await page.goto(new URL(hrefs[3], base).href);
  await page.waitForSelector('#f-na');
  expect(await page.isChecked('#f-na'), 'the not-applicable tick stays');
  expect((await page.inputValue('#f-reason')).startsWith('Đơn vị không quản lý'), 'the reason stays');
  const after = await page.locator('.tree-item.missing').count();
  expect(after === before - 4, `missing sections went from ${before} to ${after}`);
  await page.click('a[href$="/readiness"]');
  await page.waitForSelector('h1');
  const listed = await page.locator('#findings li').count();
  expect(listed === after, `readiness lists ${listed}, the outline marks ${after}`);
  for (const href of hrefs) {
    expect(await page.locator(`#findings a[href="${href}"]`).count() === 0, `${href} is no longer listed`);
  }
});

await check('a save over a newer version shows both texts, and keeping mine saves it knowingly', async () => {
  const url = new URL(section, base).href;
  const other = await context.newPage();
  other.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await other.goto(url);
  await page.waitForSelector('#rich-editor');
  await other.waitForSelector('#rich-editor');
  // The first page saves; the second, opened on the same version, does not know it yet.
  await page.click('#rich-editor');
  await page.keyboard.press('End');
  await page.keyboard.type(' Bản của trang thứ nhất.');
  await page.waitForSelector('#save-status.saved');
  await other.click('#rich-editor');
  await other.keyboard.press('End');
  await other.keyboard.type(' Bản của trang thứ hai.');
  await other.waitForSelector('#conflict .conflict');
  const theirs = await other.textContent('#their-text');
  expect(theirs.includes('Bản của trang thứ nhất.'), `the saved text is shown: "${theirs}"`);
  const mine = await other.textContent('#rich-editor');
  expect(mine.includes('Bản của trang thứ hai.'), 'my text is still in the editor');
  await other.click('#conflict button[data-conflict=keep-mine]');
  await other.waitForSelector('#save-status.saved');
  await page.reload();
  await page.waitForSelector('#rich-editor');
  const stored = await page.textContent('#rich-editor');
  expect(stored.includes('Bản của trang thứ hai.'), `kept: "${stored}"`);
  await other.close();
});

await check('no script errors', async () => {
  expect(errors.length === 0, errors.join(' | '));
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
