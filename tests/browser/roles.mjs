// Browser check of Kế hoạch số: each role logs in, sees its home page, logs out;
// a wrong password is refused. Plain Node ESM with playwright-core, no test framework.
//
// Environment:
//   KEHOACHSO_BASE_URL        e.g. http://127.0.0.1:41234
//   KEHOACHSO_LOGINS          JSON array of
//                             {"role", "username", "password", "home_title"}
//   KEHOACHSO_SCREENSHOT_DIR  optional: a full-page PNG of each home page, <role>.png
//   CHROMIUM_PATH             optional: the Chromium binary (default /usr/bin/chromium)
//
// Prints "ok <role>" or "not ok <role>: <step>: <reason>" for each case, then
// "N passed, M failed". Exit code 0 only if every case passed.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const STEP_TIMEOUT_MS = 15_000;
const ROLES = ['admin', 'reviewer', 'editor', 'leader', 'viewer'];
const LOGIN_TEXT = 'Đăng nhập';
const WRONG_PASSWORD = 'sai-mat-khau-123';
const FORBIDDEN_TEXTS = ['undefined', '{{'];

class StepError extends Error {}

function fatal(message) {
  console.error(`roles.mjs: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}

function readConfig() {
  const base = process.env.KEHOACHSO_BASE_URL;
  if (!base) fatal('KEHOACHSO_BASE_URL is not set');
  let baseUrl;
  try {
    baseUrl = new URL(base);
  } catch {
    fatal(`KEHOACHSO_BASE_URL is not a URL: ${base}`);
  }
  const raw = process.env.KEHOACHSO_LOGINS;
  if (!raw) fatal('KEHOACHSO_LOGINS is not set');
  let logins;
  try {
    logins = JSON.parse(raw);
  } catch (e) {
    fatal(`KEHOACHSO_LOGINS is not valid JSON: ${e.message}`);
  }
  if (!Array.isArray(logins) || logins.length === 0) {
    fatal('KEHOACHSO_LOGINS must be a non-empty JSON array');
  }
  logins.forEach((l, i) => {
    for (const key of ['role', 'username', 'password', 'home_title']) {
      if (typeof l?.[key] !== 'string' || l[key] === '') {
        fatal(`KEHOACHSO_LOGINS[${i}].${key} must be a non-empty string`);
      }
    }
    if (!ROLES.includes(l.role)) {
      fatal(`KEHOACHSO_LOGINS[${i}].role is "${l.role}", expected one of ${ROLES.join(', ')}`);
    }
  });
  return {
    baseUrl,
    logins,
    screenshotDir: process.env.KEHOACHSO_SCREENSHOT_DIR || '',
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  };
}

const config = readConfig();
const urlOf = (path) => new URL(path, config.baseUrl).href;

// Runs one named step of a case, failing it after STEP_TIMEOUT_MS with a message
// that names the case and the step.
async function step(who, name, fn) {
  let timer;
  const work = Promise.resolve().then(fn);
  work.catch(() => {}); // a step abandoned on timeout must not crash the process later
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new StepError(`${who}: step "${name}" timed out after ${STEP_TIMEOUT_MS / 1000} s`)),
      STEP_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (e) {
    if (e instanceof StepError) throw e;
    const reason = String(e?.message ?? e).split('\n')[0];
    throw new StepError(`${who}: step "${name}" failed: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function pathOf(page) {
  return new URL(page.url()).pathname;
}

// Reports every CSP violation, enforced or report-only, as a console error naming
// the directive and the source, so that the console listener catches it.
const CSP_LISTENER = `
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error('CSP violation: ' + e.violatedDirective + ' blocked ' +
      (e.blockedURI || '(inline)') + ' at ' + (e.sourceFile || e.documentURI) +
      ':' + e.lineNumber + ' [' + e.disposition + ']');
  });
`;

function pathOfUrl(url) {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

function isAutoFavicon(url) {
  return pathOfUrl(url) === '/favicon.ico';
}

async function newPage(browser, { allowErrorStatusOf = '' } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  await page.addInitScript(CSP_LISTENER);
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      // Chromium asks for /favicon.ico by itself, whatever the page says; a 404
      // there is not the page's error.
      if (isAutoFavicon(loc?.url)) return;
      // A refused login may answer with an error status (401, 422): Chromium logs
      // that as a console error, which the caller may allow for that one path.
      if (allowErrorStatusOf && msg.text().startsWith('Failed to load resource') && pathOfUrl(loc?.url) === allowErrorStatusOf) return;
      const where = loc?.url ? ` (${loc.url}${loc.lineNumber ? `:${loc.lineNumber}` : ''})` : '';
      problems.push(`console error: ${msg.text()}${where}`);
    }
  });
  page.on('pageerror', (err) => {
    problems.push(`page error: ${String(err?.message ?? err).split('\n')[0]}`);
  });
  return { context, page, problems };
}

async function visibleText(page) {
  return page.evaluate(() => `${document.title}\n${document.body ? document.body.innerText : ''}`);
}

async function checkNoForbiddenText(page) {
  const text = await visibleText(page);
  for (const bad of FORBIDDEN_TEXTS) {
    const at = text.indexOf(bad);
    check(at === -1, `page ${pathOf(page)} shows "${bad}": …${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, ' ')}…`);
  }
}

async function checkShowsLogin(page) {
  check(pathOf(page) === '/login', `expected path /login, got ${pathOf(page)}`);
  const text = await visibleText(page);
  check(text.includes(LOGIN_TEXT), `page ${pathOf(page)} does not show "${LOGIN_TEXT}"`);
}

function checkNoProblems(problems) {
  check(problems.length === 0, `${problems.length} browser error(s): ${problems.join(' | ')}`);
}

async function openLogin(who, page) {
  await step(who, 'open /login', async () => {
    const response = await page.goto(urlOf('/login'), { waitUntil: 'load' });
    check(response, 'no response for /login');
    check(response.ok(), `GET /login answered HTTP ${response.status()}`);
  });
  await step(who, 'check <html lang="vi">', async () => {
    const lang = await page.getAttribute('html', 'lang');
    check(lang === 'vi', `<html lang> is ${JSON.stringify(lang)}, expected "vi"`);
  });
  await step(who, `check the login page shows "${LOGIN_TEXT}"`, () => checkShowsLogin(page));
  await step(who, 'check the login page has no "undefined" or "{{"', () => checkNoForbiddenText(page));
}

async function fillLogin(who, page, username, password) {
  await step(who, 'fill username and password', async () => {
    await page.fill('#login-form input[name=username]', username);
    await page.fill('#login-form input[name=password]', password);
  });
}

async function runRole(browser, login) {
  const who = login.role;
  const { context, page, problems } = await newPage(browser);
  try {
    await openLogin(who, page);
    await fillLogin(who, page, login.username, login.password);
    await step(who, 'submit the login form and reach /', async () => {
      const arrived = page.waitForURL((u) => u.pathname === '/', { waitUntil: 'load' });
      await page.click('#login-form button[type=submit]');
      await arrived;
    });
    await step(who, 'check the home title', async () => {
      const title = page.locator('[data-testid=home-title]');
      await title.waitFor({ state: 'visible' });
      const text = (await title.innerText()).trim();
      let hint = '';
      if (text !== login.home_title && text.normalize('NFC') === login.home_title.normalize('NFC')) {
        hint = ' (same letters, different Unicode normalisation: use NFC)';
      }
      check(text === login.home_title, `home title is ${JSON.stringify(text)}, expected ${JSON.stringify(login.home_title)}${hint}`);
    });
    await step(who, 'check the home page has no "undefined" or "{{"', () => checkNoForbiddenText(page));
    if (config.screenshotDir) {
      await step(who, 'save a screenshot', async () => {
        mkdirSync(config.screenshotDir, { recursive: true });
        await page.screenshot({ path: join(config.screenshotDir, `${who}.png`), fullPage: true });
      });
    }
    await step(who, 'check no console errors or CSP violations on the home page', () => checkNoProblems(problems));
    await step(who, 'log out and reach /login', async () => {
      const arrived = page.waitForURL((u) => u.pathname === '/login', { waitUntil: 'load' });
      await page.click('[data-testid=logout]');
      await arrived;
    });
    await step(who, `check the page after logout shows "${LOGIN_TEXT}"`, () => checkShowsLogin(page));
    await step(who, 'check no console errors or CSP violations', () => checkNoProblems(problems));
  } finally {
    await context.close().catch(() => {});
  }
}

async function runWrongPassword(browser, login) {
  const who = 'wrong-password';
  const { context, page, problems } = await newPage(browser, { allowErrorStatusOf: '/login' });
  try {
    await openLogin(who, page);
    await fillLogin(who, page, login.username, WRONG_PASSWORD);
    await step(who, 'submit the login form and see .alert-error', async () => {
      await page.click('#login-form button[type=submit]');
      await page.locator('.alert-error').first().waitFor({ state: 'visible' });
      await page.waitForLoadState('load');
    });
    await step(who, 'check the page stays on /login with an error', async () => {
      check(pathOf(page) === '/login', `expected to stay on /login, got ${pathOf(page)}`);
      const text = (await page.locator('.alert-error').first().innerText()).trim();
      check(text !== '', '.alert-error is empty');
      check(await page.locator('[data-testid=home-title]').count() === 0, 'the home title is shown after a wrong password');
    });
    await step(who, 'check the page has no "undefined" or "{{"', () => checkNoForbiddenText(page));
    await step(who, 'check no console errors or CSP violations', () => checkNoProblems(problems));
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  const cases = [
    ...config.logins.map((login) => ({ name: login.role, run: (b) => runRole(b, login) })),
    { name: 'wrong-password', run: (b) => runWrongPassword(b, config.logins[0]) },
  ];
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: config.executablePath,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: 30_000,
    });
  } catch (e) {
    console.error(`roles.mjs: cannot start Chromium at ${config.executablePath}: ${String(e?.message ?? e).split('\n')[0]}`);
    console.log(`0 passed, ${cases.length} failed`);
    process.exit(1);
  }
  let passed = 0;
  let failed = 0;
  try {
    for (const c of cases) {
      try {
        await c.run(browser);
        passed += 1;
        console.log(`ok ${c.name}`);
      } catch (e) {
        failed += 1;
        const message = e instanceof StepError ? e.message : `${c.name}: ${e?.stack ?? e}`;
        console.log(`not ok ${message}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
