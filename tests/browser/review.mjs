// Browser check of the review loop, with two people at two browsers: the agency's editor
// fills and submits; the department's reviewer, told by a notification, comments on a section
// and on a table's row and returns the plan; the editor finds each comment in its place,
// fixes the text and submits again; the reviewer approves; the plan shows locked, with why.
// Plain Node ESM with playwright-core.
//
// Environment:
//   KEHOACHSO_BASE_URL
//   KEHOACHSO_EDITOR, KEHOACHSO_REVIEWER   "username:password" of each
//   KEHOACHSO_PLAN                         the plan's id
//   KEHOACHSO_TEXT_SECTION                 a text section's key
//   KEHOACHSO_TABLE_SECTION                the key of a section holding a table with rows
//   CHROMIUM_PATH                          optional (default /usr/bin/chromium)
//
// Prints "ok <case>" or "not ok <case>: <reason>", then "N passed, M failed".

import { chromium } from 'playwright-core';

const TIMEOUT = 15_000;
const env = process.env;
const base = env.KEHOACHSO_BASE_URL;
const plan = env.KEHOACHSO_PLAN;
const textSection = env.KEHOACHSO_TEXT_SECTION;
const tableSection = env.KEHOACHSO_TABLE_SECTION;
if (!base || !plan || !textSection || !tableSection || !env.KEHOACHSO_EDITOR || !env.KEHOACHSO_REVIEWER) {
  console.error('review.mjs: the KEHOACHSO_ variables are required');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const errors = [];

// One person: a browser context of their own, signed in.
async function person(login) {
  const [username, password] = login.split(':');
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('favicon')) errors.push(m.text()); });
  // Steps that cannot be taken back ask first; the person agrees.
  page.on('dialog', (d) => d.accept());
  await page.goto(base + '/login');
  await page.fill('#login-form input[name=username]', username);
  await page.fill('#login-form input[name=password]', password);
  await page.click('#login-form button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

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

const planUrl = (key) => `${base}/plans/${plan}?section=${encodeURIComponent(key)}`;
const sectionComment = 'Đề nghị nêu rõ số liệu năm 2025 & so sánh với chỉ tiêu.';
const rowComment = 'Dự án này chưa bố trí kinh phí bảo đảm an toàn thông tin.';
const returnMessage = 'Đề nghị hoàn thiện theo các ý kiến thẩm định.';

// Appends text in the section's editor and waits until it is saved.
async function appendText(page, text) {
  await page.waitForSelector('#rich-editor');
  await page.click('#rich-editor');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await page.waitForSelector('#save-status.saved');
}

async function takeStep(page, step) {
  await page.click(`form[action="/plans/${plan}/${step}"] button[type=submit]`);
  await page.waitForLoadState('load');
}

const editor = await person(env.KEHOACHSO_EDITOR);
const reviewer = await person(env.KEHOACHSO_REVIEWER);

await check('the editor fills a section and submits; the plan locks, saying why', async () => {
  await editor.goto(planUrl(textSection));
  await appendText(editor, ' Đơn vị đã số hóa hồ sơ lưu trữ.');
  await takeStep(editor, 'submit');
  const reason = await editor.textContent('#lock-reason');
  expect(reason.includes('Đã nộp ngày') && reason.includes('đang chờ thẩm định'), `lock says "${reason}"`);
  expect(await editor.locator('#rich-editor').count() === 0, 'the editor is still offered');
});

await check('the reviewer is told, and opens the plan from the notification', async () => {
  await reviewer.goto(base + '/');
  const badge = await reviewer.textContent('.notice-link .badge-count');
  expect(Number(badge) >= 1, `unread count "${badge}"`);
  await reviewer.click('.notice-link');
  const first = reviewer.locator('#notices li.notice').first();
  expect((await first.getAttribute('data-kind')) === 'submitted', 'the newest notice is not the submission');
  await first.locator('button').click();
  await reviewer.waitForURL((url) => url.pathname === `/plans/${plan}`);
});

await check('the reviewer comments on a section and on a row, and returns the plan', async () => {
  await reviewer.goto(planUrl(textSection));
  await reviewer.fill('#f-comment-body', sectionComment);
  await reviewer.click('.comment-form button[type=submit]');
  await reviewer.waitForSelector(`#comments li.comment:has-text("${sectionComment}")`);

  await reviewer.goto(planUrl(tableSection));
  const rowOption = reviewer.locator('#f-comment-row option').nth(1);
  const rowValue = await rowOption.getAttribute('value');
  await reviewer.selectOption('#f-comment-row', rowValue);
  await reviewer.fill('#f-comment-body', rowComment);
  await reviewer.click('.comment-form button[type=submit]');
  await reviewer.waitForSelector(`.row-comments li.comment:has-text("${rowComment}")`);

  await reviewer.fill('#f-return-message', returnMessage);
  await reviewer.check('.return-form input[name=only_commented]');
  await reviewer.click('.return-form button[type=submit]');
  await reviewer.waitForSelector('.badge.status-returned');
});

await check('the editor sees the message and each comment in its place', async () => {
  await editor.goto(planUrl(textSection));
  const message = await editor.textContent('#returned-message');
  expect(message.includes(returnMessage), `message says "${message}"`);
  await editor.waitForSelector('#open-sections');
  await editor.waitForSelector(`#comments li.comment:has-text("${sectionComment}")`);
  const badge = await editor.textContent('.notice-link .badge-count');
  expect(Number(badge) >= 3, `unread count "${badge}" (two comments and the return)`);
  await editor.goto(planUrl(tableSection));
  await editor.waitForSelector(`#rows-${await tableCode(editor)} .row-comments li.comment:has-text("${rowComment}")`);
});

// The code of the first table shown in a section (its rows are `#rows-<code>`).
async function tableCode(page) {
  const id = await page.locator('[id^="rows-"]').first().getAttribute('id');
  return id.slice('rows-'.length);
}

await check('the editor fixes the commented section, marks the comment resolved and submits again', async () => {
  await editor.goto(planUrl(textSection));
  await appendText(editor, ' Năm 2025: 100% văn bản đi, đến được xử lý trên môi trường mạng.');
  await editor.click(`#comments li.comment:has-text("${sectionComment}") form button`);
  await editor.waitForSelector(`#comments li.comment.resolved:has-text("${sectionComment}")`);
  await takeStep(editor, 'submit');
  const reason = await editor.textContent('#lock-reason');
  expect(reason.includes('Đã nộp ngày'), `lock says "${reason}"`);
});

await check('the reviewer approves, and the plan shows locked with the reason', async () => {
  await reviewer.goto(planUrl(textSection));
  await takeStep(reviewer, 'approve');
  await reviewer.waitForSelector('.badge.status-approved');
  await editor.goto(planUrl(textSection));
  const reason = await editor.textContent('#lock-reason');
  expect(reason.includes('Đã phê duyệt ngày') && reason.includes('bởi'), `lock says "${reason}"`);
  expect(await editor.locator('#rich-editor').count() === 0, 'an approved plan is still editable');
  const text = await editor.textContent('.section-main');
  expect(text.includes('100% văn bản đi, đến'), 'the fix is not in the approved plan');
});

await check('no script errors on any page', async () => {
  expect(errors.length === 0, errors.join(' | '));
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
