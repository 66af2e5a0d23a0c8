// Accessibility check of Kế hoạch số: each role signs in and visits every page it can reach by
// following the product's own links; axe-core runs in each page, and any serious or critical
// finding fails the role. Plain Node ESM with playwright-core and axe-core, no test framework.
//
// Environment:
//   KEHOACHSO_BASE_URL   e.g. http://127.0.0.1:41234
//   KEHOACHSO_LOGINS     JSON array of {"role", "username", "password"}
//   CHROMIUM_PATH        optional: the Chromium binary (default /usr/bin/chromium)
//
// Prints "ok <role>: <n> pages" or "not ok <role>: …" with each finding (page, rule, impact,
// elements), then "N passed, M failed". Exit code 0 only if every role passed.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TIMEOUT_MS = 20_000;
// Enough for every section of one plan and every list and form a role has, with room to grow.
const MAX_PAGES = 150;
const BLOCKING = new Set(['serious', 'critical']);
// Links that end the session or fetch a file rather than a page.
const SKIP = [/logout/, /\/download/, /\/export/, /\.(docx|pdf|xlsx|csv|json|zip)(\?|$)/, /format=/];

const base = new URL(process.env.KEHOACHSO_BASE_URL || fail('KEHOACHSO_BASE_URL is not set'));
const logins = JSON.parse(process.env.KEHOACHSO_LOGINS || fail('KEHOACHSO_LOGINS is not set'));

function fail(message) {
  console.error(`axe.mjs: ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(2);
}

// Pages of one kind are visited once: ids become {n}, and of the query only the names count,
// except the editor's section, whose every value is a page of its own kind.
function kindOf(url) {
  const path = url.pathname.replace(/\/\d+(?=\/|$)/g, '/{n}');
  const names = [...url.searchParams.keys()].filter((k) => k !== 'msg').sort();
  const section = url.searchParams.get('section');
  return `${path}?${names.join('&')}${section ? `#${section}` : ''}`;
}

async function signIn(page, login) {
  await page.goto(new URL('/login', base).href);
  await page.fill('#login-form input[name=username]', login.username);
  await page.fill('#login-form input[name=password]', login.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/', { waitUntil: 'load' }),
    page.click('#login-form button[type=submit]'),
  ]);
}

async function findings(page) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return result.filter((v) => BLOCKING.has(v.impact));
}

async function links(page) {
  return page.$$eval('a[href]:not([download])', (as) => as.map((a) => a.href));
}

async function runRole(browser, login) {
  // The product's CSP forbids inline script; axe is evaluated through the browser's own
  // channel, which the policy does not see.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  try {
    const started = Date.now();
    await signIn(page, login);
    const queue = [new URL('/', base)];
    const seen = new Set([kindOf(queue[0])]);
    let visited = 0;
    while (queue.length > 0 && visited < MAX_PAGES) {
      const url = queue.shift();
      let response;
      try {
        response = await page.goto(url.href, { waitUntil: 'load' });
      } catch (e) {
        // A link to a file (a document, a spreadsheet) is not a page.
        if (String(e?.message).includes('Download is starting')) continue;
        throw e;
      }
      visited += 1;
      if (!response || response.status() >= 400) {
        // A page a role reaches by a link must open for it.
        problems.push(`${url.pathname}${url.search}: HTTP ${response ? response.status() : 'none'}`);
        continue;
      }
      for (const f of await findings(page)) {
        problems.push(`${url.pathname}${url.search}: ${f.id} (${f.impact}) at ${f.targets.join(', ')}`);
      }
      for (const href of await links(page)) {
        const next = new URL(href);
        next.hash = '';
        if (next.origin !== base.origin || SKIP.some((re) => re.test(next.pathname + next.search))) continue;
        const kind = kindOf(next);
        if (seen.has(kind)) continue;
        seen.add(kind);
        queue.push(next);
      }
    }
    if (problems.length === 0) {
      console.log(`ok ${login.role}: ${visited} pages in ${Math.round((Date.now() - started) / 1000)} s`);
      return true;
    }
    console.log(`not ok ${login.role}: ${problems.length} findings in ${visited} pages in ${Math.round((Date.now() - started) / 1000)} s`);
    for (const p of problems) console.log(`  ${p}`);
    return false;
  } catch (e) {
    console.log(`not ok ${login.role}: ${String(e?.message ?? e).split('\n')[0]}`);
    return false;
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
let passed = 0;
let failed = 0;
// One person of each role: a second editor sees pages of the same kinds.
const roles = new Set();
for (const login of logins.filter((l) => !roles.has(l.role) && roles.add(l.role))) {
  if (await runRole(browser, login)) passed += 1;
  else failed += 1;
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
