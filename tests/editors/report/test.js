// Opens a `copydesk report` in headless Chromium, as a chief editor opens the
// file from disk, and checks it against `copydesk check --format json` of the
// same edition: the counts in the summary (articles, findings, by rule and by
// severity), the findings of each article, the unreadable file listed with
// its reason; then uses the filters (rule, severity, article), follows a link
// from an edition-level issue to its finding, looks at the print layout, and
// checks that the page asked for nothing but itself. Screenshots and a PDF
// land in ARTIFACTS.
//
// Environment (set by run.sh): REPORT, CHECK_JSON, ARTIFACTS, ROOT.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const { REPORT, CHECK_JSON, ARTIFACTS, ROOT } = process.env;
const check = JSON.parse(fs.readFileSync(CHECK_JSON, 'utf8'));
const started = Date.now();

function log(message) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
}

function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** Compares as JSON; objects with their keys in order, so counts compare whatever order they come in. */
function equal(got, want, what) {
  const canonical = (value) => JSON.stringify(value, (key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v);
  expect(canonical(got) === canonical(want), `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) {
    counts[key(item)] = (counts[key(item)] || 0) + 1;
  }
  return counts;
}

async function shot(page, name, options = {}) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  log(`screenshot ${path.relative(ROOT, file)}`);
}

/** Numbers shown in the page, by selector attribute. */
async function shownCounts(page, attribute) {
  return page.$$eval(`[${attribute}]`, (els, attribute) =>
    Object.fromEntries(els.map((e) => [e.getAttribute(attribute), Number(e.textContent)])), attribute);
}

/** How many elements matching `selector` the page shows (filters hide the rest). */
async function visibleCount(page, selector) {
  return page.$$eval(selector, (els) => els.filter((e) => e.checkVisibility()).length);
}

async function main() {
  const diagnostics = check.files.flatMap((f) => f.diagnostics.map((d) => ({ ...d, path: f.path })));
  expect(diagnostics.length > 0, 'the fixture edition has findings');
  const url = pathToFileURL(REPORT).href;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  // Anything but the file itself would be a request to the network: refused.
  await context.route(/^(?!file:)/, (route) => route.abort());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.setDefaultTimeout(15000);
  try {
    await page.goto(url);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { load: nav.loadEventEnd, bytes: document.documentElement.outerHTML.length };
    });
    log(`opened ${path.basename(REPORT)} (${(fs.statSync(REPORT).size / 1024).toFixed(1)} KB): load event at ${timing.load.toFixed(0)} ms`);

    // The summary: as many articles and findings as check reports.
    const counts = await shownCounts(page, 'data-count');
    equal(counts.articles, check.summary.files, 'articles in the summary');
    equal(counts.findings, check.summary.diagnostics, 'findings in the summary');
    equal(counts.unreadable, check.errors.length, 'unreadable files in the summary');
    const byRule = await shownCounts(page, 'data-count-rule');
    equal(byRule, countBy(diagnostics, (d) => d.rule), 'findings by rule');
    const bySeverity = await shownCounts(page, 'data-count-severity');
    const wantSeverity = { error: 0, warning: 0, info: 0, hint: 0, ...countBy(diagnostics, (d) => d.severity) };
    equal(bySeverity, wantSeverity, 'findings by severity');
    const fixable = diagnostics.filter((d) => d.fixes.some((f) => f.safe)).length;
    equal(counts.fixable, fixable, 'findings copydesk fix repairs');
    log(`summary: ${counts.articles} articles, ${counts.findings} findings (${JSON.stringify(byRule)}), ${fixable} fixable, as check --format json`);

    // Each article's findings, in its section, with the message check gives.
    for (const [index, file] of check.files.entries()) {
      const section = page.locator(`section.article[data-article="${index}"]`);
      equal(await section.locator('code').first().textContent(), file.path, `article ${index}'s heading`);
      const messages = await section.locator('.finding > p.msg').allTextContents();
      equal(messages, file.diagnostics.map((d) => d.message), `${file.path}: messages`);
      const positions = await section.locator('.finding .pos').allTextContents();
      equal(positions, file.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column}`), `${file.path}: positions`);
    }
    log(`each article's findings: messages and line:column as check gives them`);

    // The file copydesk could not read, with the reason check gives.
    const unreadable = await page.locator('[data-unreadable]').allTextContents();
    equal(unreadable.length, check.errors.length, 'unreadable files listed');
    for (const error of check.errors) {
      expect(unreadable.some((t) => t.includes(error.path) && t.includes(error.message)),
        `the report lacks ${error.path}: ${error.message} (${JSON.stringify(unreadable)})`);
    }
    log(`unreadable: ${unreadable.join(' | ')}`);

    // Edition-level issues come first, each with the places it touches.
    const sectionOrder = await page.$$eval('main > section', (els) => els.map((e) => e.id));
    expect(sectionOrder.indexOf('edition') < sectionOrder.indexOf('articles'), `sections: ${sectionOrder}`);
    const consistency = diagnostics.filter((d) => ['name-variant', 'title-conflict', 'leader-order', 'term-variant'].includes(d.rule));
    equal(await page.locator('.issue .to-change').count(), consistency.length, 'findings to change in the edition-level issues');
    const variant = page.locator('.issue[data-rule="name-variant"]').first();
    const forms = await variant.locator('table.forms tbody tr').allInnerTexts();
    expect(forms.length >= 2, `the name variant shows both names: ${JSON.stringify(forms)}`);
    log(`edition-level issues: ${await page.locator('.issue').count()}; name variant forms: ${forms.map((f) => f.replace(/\s+/g, ' ')).join(' | ')}`);

    // The cast, with the people the register lacks marked.
    const people = await page.locator('tr.person').count();
    const unregistered = await page.locator('tr.person.unregistered td:first-child b').allTextContents();
    equal(counts.people, people, 'people in the summary and the cast');
    expect(unregistered.includes('刘文斌') && !unregistered.includes('周建华'), `unregistered: ${unregistered}`);
    log(`cast: ${people} people, unregistered ${unregistered.join('、')}`);
    await shot(page, 'report');

    // Filter by rule: only that rule's findings and issues, the count follows.
    const rule = 'name-variant';
    const ruleCount = diagnostics.filter((d) => d.rule === rule).length;
    await page.selectOption('#filter-rule', rule);
    equal(Number(await page.textContent('#shown-count')), ruleCount, `shown count for ${rule}`);
    equal(await visibleCount(page, '.finding'), ruleCount, `visible findings for ${rule}`);
    equal(await visibleCount(page, `.finding:not([data-rule="${rule}"])`), 0, 'other rules hidden');
    equal(await visibleCount(page, `.issue:not([data-rule="${rule}"])`), 0, 'other issues hidden');
    const withRule = new Set(diagnostics.filter((d) => d.rule === rule).map((d) => d.path)).size;
    equal(await visibleCount(page, 'section.article'), withRule, 'articles with that rule');
    log(`filter rule=${rule}: ${ruleCount} finding(s) in ${withRule} article(s) shown`);
    await page.locator('#edition').scrollIntoViewIfNeeded();
    await shot(page, 'filtered-by-rule');

    // Then severity as well: errors of that rule (none), then errors alone.
    await page.selectOption('#filter-severity', 'error');
    equal(Number(await page.textContent('#shown-count')), 0, 'name-variant errors');
    await page.click('#filter-clear');
    await page.selectOption('#filter-severity', 'error');
    const errorsCount = diagnostics.filter((d) => d.severity === 'error').length;
    expect(errorsCount > 0, 'the fixture edition has an error');
    equal(Number(await page.textContent('#shown-count')), errorsCount, 'shown count of errors');
    equal(await visibleCount(page, '.finding'), errorsCount, 'visible errors');
    log(`filter severity=error: ${errorsCount} shown`);

    // Filter by article: its section alone, its findings, the people in it.
    await page.click('#filter-clear');
    const pick = check.files.findIndex((f) => f.path.endsWith('02-projects.txt'));
    await page.selectOption('#filter-article', String(pick));
    equal(Number(await page.textContent('#shown-count')), check.files[pick].diagnostics.length, 'shown count of one article');
    equal(await visibleCount(page, 'section.article'), 1, 'one article shown');
    equal(await visibleCount(page, `tr.person:not([data-articles~="${pick}"])`), 0, 'only its people');
    expect(await visibleCount(page, 'tr.person') > 0, 'its people are shown');
    log(`filter article=${check.files[pick].path}: ${check.files[pick].diagnostics.length} findings, ${await visibleCount(page, 'tr.person')} people`);
    await page.click('#filter-clear');
    equal(await visibleCount(page, '.finding'), diagnostics.length, 'every finding after clearing');

    // From an edition-level issue to the finding in its article.
    const link = variant.locator('.to-change a.at').first();
    const target = (await link.getAttribute('href')).slice(1);
    await link.click();
    await page.waitForFunction((id) => location.hash === `#${id}`, target);
    const inView = await page.evaluate((id) => {
      const box = document.getElementById(id).getBoundingClientRect();
      return box.top >= 0 && box.top < innerHeight;
    }, target);
    expect(inView, `#${target} is not in view after following the link`);
    const landed = await page.locator(`#${target}`).getAttribute('data-rule');
    equal(landed, 'name-variant', 'the finding the issue links to');
    log(`link from the issue to #${target}: in view, a ${landed} finding`);
    await shot(page, 'followed-link');

    // Printable: no filter bar on paper; a PDF of the whole report.
    await page.emulateMedia({ media: 'print' });
    equal(await page.$eval('nav.filters', (e) => getComputedStyle(e).display), 'none', 'the filter bar in print');
    await page.emulateMedia({ media: 'screen' });
    await page.pdf({ path: path.join(ARTIFACTS, 'report.pdf'), format: 'A4' });
    log(`printed ${path.relative(ROOT, path.join(ARTIFACTS, 'report.pdf'))}`);

    equal(errors, [], 'script errors on the page');
    const elsewhere = requests.filter((r) => r !== url);
    equal(elsewhere, [], 'requests other than the report itself');
    log(`requests: ${requests.length} (the file itself), none to the network`);
    log('PASS');
  } catch (error) {
    await shot(page, 'failure', { fullPage: false }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`FAIL: ${error.stack || error}`);
  process.exit(1);
});
