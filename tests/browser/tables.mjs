// Browser check of a typed table: an editor adds three projects with the keyboard and the
// mouse, one of them below the 10% security share; the warning appears beside it while typing
// and in its row; raising the amount makes it go. Plain Node ESM with playwright-core.
//
// Environment:
//   KEHOACHSO_BASE_URL, KEHOACHSO_USERNAME, KEHOACHSO_PASSWORD (an editor of the plan's unit)
//   KEHOACHSO_SECTION   the path of the tasks section, e.g. /plans/3?section=PL1.P2.IX
//   CHROMIUM_PATH       optional: the Chromium binary (default /usr/bin/chromium)
//
// Prints "ok <case>" or "not ok <case>: <reason>", then "N passed, M failed".

import { chromium } from 'playwright-core';

const TIMEOUT = 15_000;
const base = process.env.KEHOACHSO_BASE_URL;
const username = process.env.KEHOACHSO_USERNAME;
const password = process.env.KEHOACHSO_PASSWORD;
const section = process.env.KEHOACHSO_SECTION;
if (!base || !username || !password || !section) {
  console.error('tables.mjs: KEHOACHSO_BASE_URL, KEHOACHSO_USERNAME, KEHOACHSO_PASSWORD and KEHOACHSO_SECTION are required');
  console.log('0 passed, 1 failed');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
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

const panel = '#panel-tasks';
const rows = '#rows-tasks tbody tr';

// Opens the new-row form in the panel under the table.
async function openNew() {
  await page.click('#table-tasks a.btn-primary');
  await page.waitForSelector(`${panel} form`);
}

async function fillProject(name, total, amount, security) {
  await page.fill(`${panel} [name=name]`, name);
  await page.selectOption(`${panel} [name=task_group]`, '2');
  await page.fill(`${panel} [name=total]`, total);
  await page.fill(`${panel} [name=amounts_2026]`, amount);
  await page.fill(`${panel} [name=security_2026]`, security);
}

async function warningsOf(name) {
  const row = page.locator(rows, { hasText: name });
  return row.locator('[data-code=SECURITY_SHARE_PROJECT]').count();
}

await page.goto(base + section);
await page.fill('#login-form input[name=username]', username);
await page.fill('#login-form input[name=password]', password);
await page.click('#login-form button[type=submit]');
await page.waitForURL((url) => !url.pathname.startsWith('/login'));
await page.goto(base + section);

await check('the first project is added with the keyboard alone', async () => {
  await page.focus('#table-tasks a.btn-primary');
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${panel} form`);
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.name);
  expect(focused === 'name', `the form takes the focus (focus on ${focused})`);
  await page.keyboard.type('Nâng cấp mạng nội bộ');
  await fillProject('Nâng cấp mạng nội bộ', '1.000', '1.000', '100');
  await page.focus(`${panel} [name=security_2026]`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  expect(await page.locator(rows, { hasText: 'Nâng cấp mạng nội bộ' }).count() === 1, 'the row is listed');
});

await check('Escape closes the form and gives the focus back', async () => {
  await openNew();
  await page.keyboard.press('Escape');
  expect(await page.locator(`${panel} form`).count() === 0, 'the panel is empty');
});

await check('a project below 10% is warned about while it is typed', async () => {
  await openNew();
  await fillProject('Phần mềm quản lý văn bản', '2.000', '2.000', '50');
  // The warning names the share of the amounts as typed.
  await page.waitForFunction((p) => {
    const f = document.querySelector(`${p} #row-check [data-code=SECURITY_SHARE_PROJECT]`);
    return f && f.textContent.includes('2,5%');
  }, panel);
  await Promise.all([page.waitForNavigation(), page.click(`${panel} button[type=submit]`)]);
  expect(await warningsOf('Phần mềm quản lý văn bản') === 1, 'the warning is beside its row');
  expect(await warningsOf('Nâng cấp mạng nội bộ') === 0, 'not beside the other');
});

await check('a wrong total is refused beside its field while typing', async () => {
  await openNew();
  await fillProject('Cổng dữ liệu', '900', '500', '60');
  await page.waitForFunction(() => {
    const e = document.querySelector('#e-tasks-total');
    return e && e.textContent.includes('500');
  });
  await page.fill(`${panel} [name=total]`, '500');
  await page.waitForFunction(() => document.querySelector('#e-tasks-total').textContent.trim() === '');
  await Promise.all([page.waitForNavigation(), page.click(`${panel} button[type=submit]`)]);
  expect(await page.locator(rows).count() === 3, 'three projects');
});

await check('raising the amount makes the warning go', async () => {
  await page.locator(rows, { hasText: 'Phần mềm quản lý văn bản' }).locator('a').first().click();
  await page.waitForSelector(`${panel} form`);
  await page.waitForSelector(`${panel} #row-check [data-code=SECURITY_SHARE_PROJECT]`);
  await page.fill(`${panel} [name=security_2026]`, '300');
  await page.waitForFunction((p) => !document.querySelector(`${p} #row-check [data-code=SECURITY_SHARE_PROJECT]`), panel);
  await Promise.all([page.waitForNavigation(), page.click(`${panel} button[type=submit]`)]);
  expect(await warningsOf('Phần mềm quản lý văn bản') === 0, 'the warning is gone');
  const findings = await page.locator('#table-tasks [data-code^=SECURITY_SHARE]').count();
  expect(findings === 0, `no security finding left (${findings})`);
});

await check('no script errors', async () => {
  expect(errors.length === 0, errors.join(' | '));
});

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
