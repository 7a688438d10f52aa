// Drives real VS Code (code-server) in headless Chromium with playwright-core,
// as a copy editor would: with the platform .vsix installed and no copydesk
// of their own, opens the seed page from the Explorer, sees the squiggles
// and the Problems panel (the bundled binary at work, as the status bar and
// the output channel say), applies the quick fix of the first broken wrap
// with Ctrl+. and saves, then runs "copydesk: Fix all in file", undoes it,
// and runs "copydesk: Reflow document", saving after each. A newer copydesk
// put on PATH is preferred after a restart.
// After each save the file's bytes on disk are compared with what
// `copydesk check --format json` (that finding's fix) and
// tests/fixtures/news-page.fixed.txt say they must be.
//
// Environment (set by run.sh): URL, WORKSPACE, COPYDESK_BIN, ROOT, ARTIFACTS,
// SETTINGS (the user settings.json, edited to change a setting), PATH_BIN (an
// empty folder on the extension host's PATH).
'use strict';
const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { URL, WORKSPACE, COPYDESK_BIN, ROOT, ARTIFACTS, SETTINGS, PATH_BIN } = process.env;
const FILE = path.join(WORKSPACE, 'news-page.txt');
const FIXED = fs.readFileSync(path.join(ROOT, 'tests/fixtures/news-page.fixed.txt'));
const started = Date.now();

function log(message) {
  console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** The CLI's findings for the original page (1-based lines, character columns). */
function cliFindings(file) {
  let out;
  try {
    out = execFileSync(COPYDESK_BIN, ['check', '--format', 'json', file], { encoding: 'utf8' });
  } catch (error) {
    out = error.stdout; // exit 1: there are findings
  }
  return JSON.parse(out).files[0].diagnostics;
}

/** Applies a CLI fix's edits (1-based lines, character columns, exclusive ends). */
function applyCliEdits(text, edits) {
  const lines = text.split('\n');
  const offset = ({ line, column }) => {
    let chars = 0;
    for (let i = 0; i < line - 1; i++) {
      chars += [...lines[i]].length + 1;
    }
    return chars + column - 1;
  };
  const chars = [...text];
  const sorted = edits
    .map((e) => [offset(e.range.start), offset(e.range.end), e.new_text])
    .sort((a, b) => b[0] - a[0]);
  for (const [start, end, newText] of sorted) {
    chars.splice(start, end - start, ...newText);
  }
  return chars.join('');
}

async function shot(page, name) {
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  log(`screenshot ${path.relative(ROOT, file)}`);
}

async function waitForFile(expected, what) {
  const deadline = Date.now() + 15000;
  let got;
  while (Date.now() < deadline) {
    got = fs.readFileSync(FILE);
    if (got.equals(expected)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  fs.writeFileSync(path.join(ARTIFACTS, `${what}.got.txt`), got);
  fs.writeFileSync(path.join(ARTIFACTS, `${what}.expected.txt`), expected);
  throw new Error(`${what}: the file on disk is not as expected (see ${ARTIFACTS}/${what}.{got,expected}.txt)`);
}

/** Waits until the Problems panel's file row reads `want` (name and count). */
async function problemsHeader(page, want) {
  await page.waitForFunction((want) => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
    .some((row) => row.innerText.replace(/\s+/g, ' ').trim() === want), want, { timeout: 15000 });
}

/** Sets copydesk.rules.<rule> in the Settings editor, as a user would. */
async function setRule(page, rule, level) {
  const searchBox = page.locator('.settings-editor .search-container .monaco-editor').first();
  if (!(await searchBox.isVisible())) {
    await runCommand(page, 'Preferences: Open User Settings');
    await searchBox.waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
  }
  await searchBox.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(`copydesk.rules.${rule}`);
  const select = page.locator('.settings-editor .setting-item-contents', { hasText: rule }).locator('select').first();
  await select.waitFor({ state: 'visible', timeout: 15000 });
  await select.selectOption(level);
}

/** Waits until the copydesk status bar item's tooltip (its accessible label) contains `text`. */
async function statusSays(page, text) {
  await page.waitForFunction((text) => [...document.querySelectorAll('.statusbar-item')]
    .filter((item) => item.innerText.includes('copydesk'))
    .some((item) => [item, ...item.querySelectorAll('[aria-label]')]
      .some((e) => (e.getAttribute('aria-label') || '').includes(text))), text, { timeout: 20000 });
  return page.evaluate(() => [...document.querySelectorAll('.statusbar-item')]
    .filter((item) => item.innerText.includes('copydesk'))
    .map((item) => [item, ...item.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).find(Boolean))[0]);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const item = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await item.waitFor({ state: 'visible', timeout: 10000 });
  await page.keyboard.press('Enter');
}

async function main() {
  const original = fs.readFileSync(FILE, 'utf8');
  const findings = cliFindings(FILE);
  const first = findings.find((d) => d.rule === 'broken-wrap');
  check(first && first.range.start.line === 3 && first.range.start.column === 1,
    `the CLI's first broken-wrap is not at 3:1: ${JSON.stringify(first && first.range)}`);
  const afterQuickFix = Buffer.from(applyCliEdits(original, first.fixes[0].edits));

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1500, height: 950 }, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  try {
    log(`open ${URL}`);
    await page.goto(URL);

    // The Explorer shows the workspace; open the page from it.
    const entry = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'news-page.txt' });
    await entry.waitFor({ state: 'visible', timeout: 60000 });
    await entry.click();
    log('opened news-page.txt from the Explorer');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines').waitFor({ state: 'visible' });

    // Squiggles from the server.
    await editor.locator('.squiggly-warning').first().waitFor({ state: 'attached', timeout: 30000 });
    log(`squiggles: ${await editor.locator('.squiggly-warning').count()} warning decorations in view`);

    // The status bar item, and the binary it says runs: the one in the .vsix.
    const status = page.locator('.statusbar-item', { hasText: 'copydesk' }).first();
    await status.waitFor({ state: 'visible' });
    const bundled = await statusSays(page, 'bundled with the extension');
    check(/copydesk-linux-x64|\/extensions\/copydesk\.copydesk-[^/]*\/bin\/copydesk/.test(bundled),
      `the status bar does not name the extension's own binary: ${bundled}`);
    log(`status bar: ${(await status.innerText()).trim()}; tooltip: ${bundled}`);
    // The output channel says so too.
    await runCommand(page, 'copydesk: Show server log');
    const said = page.locator('.part.panel .view-line', { hasText: 'bundled with the extension' }).first();
    await said.waitFor({ state: 'attached', timeout: 15000 });
    log(`output channel: ${(await said.innerText()).trim()}`);

    // The Problems panel: one entry per finding, the first at line 3, column 1.
    await runCommand(page, 'View: Focus Problems');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await page.waitForFunction(
      (n) => document.querySelectorAll('.markers-panel .monaco-list-row').length >= n, findings.length + 1);
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
    fs.writeFileSync(path.join(ARTIFACTS, 'problems.txt'), labels.join('\n') + '\n');
    const entries = await rows.evaluateAll((els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
    // The panel's list is virtual (only the rows in view exist); its file row
    // carries the count.
    const header = entries.find((t) => t.startsWith('news-page.txt'));
    check(header === `news-page.txt ${findings.length}`,
      `Problems panel header is ${JSON.stringify(header)}, expected ${findings.length} findings as the CLI finds`);
    const firstEntry = entries.find((t) => t.includes('broken-wrap'));
    check(firstEntry.includes(first.message) && /\[Ln 3, Col 1\]/.test(firstEntry),
      `first Problems entry is ${JSON.stringify(firstEntry)}, expected "${first.message}" at [Ln 3, Col 1]`);
    log(`Problems panel: ${header}; first: ${firstEntry}`);
    await shot(page, 'diagnostics');

    // Hover on a finding: the rule's documentation (as `copydesk explain`).
    await editor.locator('.view-line span', { hasText: '学习贯彻习近平' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'broken-wrap' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15000 });
    const explained = execFileSync(COPYDESK_BIN, ['explain', 'broken-wrap'], { encoding: 'utf8' }).split('\n')[2];
    check((await hover.innerText()).includes(explained), `hover lacks the rule's documentation (${explained})`);
    log(`hover: broken-wrap documentation ("${explained}")`);
    await shot(page, 'hover');
    await page.keyboard.press('Escape');

    // The Outline: the page's articles, their headlines.
    await page.locator('.pane-header', { hasText: 'Outline' }).click();
    const outline = page.locator('.outline-pane .monaco-list-row');
    await outline.first().waitFor({ state: 'visible', timeout: 15000 });
    const symbols = await outline.evaluateAll((els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
    check(symbols.some((t) => t.includes('精密智控打好两战')), `Outline: ${JSON.stringify(symbols)}`);
    log(`Outline: ${symbols.slice(0, 3).join(' | ')} …`);
    await page.locator('.pane-header', { hasText: 'Outline' }).click();

    // Settings reach the server on change (workspace/didChangeConfiguration):
    // in the Settings editor, broken-wrap off leaves the CLI's other findings;
    // back to default, all of them again.
    const others = findings.filter((d) => d.rule !== 'broken-wrap').length;
    await setRule(page, 'broken-wrap', 'off');
    await problemsHeader(page, `news-page.txt ${others}`);
    log(`Settings editor: copydesk.rules.broken-wrap = off, Problems panel down to ${others}`);
    await shot(page, 'setting-off');
    await setRule(page, 'broken-wrap', 'default');
    await problemsHeader(page, `news-page.txt ${findings.length}`);
    log(`copydesk.rules.broken-wrap = default: ${findings.length} again`);
    await page.keyboard.press('Escape'); // close the Settings editor
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');

    // A newer copydesk on PATH is preferred to the bundled one: put one
    // there (the same server, claiming a later version) and restart.
    const newer = path.join(PATH_BIN, 'copydesk');
    fs.writeFileSync(newer, `#!/bin/sh\nif [ "$1" = --version ]; then echo "copydesk 99.0.0"; exit 0; fi\nexec "${COPYDESK_BIN}" "$@"\n`);
    fs.chmodSync(newer, 0o755);
    await runCommand(page, 'copydesk: Restart server');
    const preferred = await statusSays(page, 'on PATH, newer than the bundled');
    check(preferred.includes(newer) && preferred.includes('99.0.0'), `after a newer copydesk on PATH: ${preferred}`);
    await problemsHeader(page, `news-page.txt ${findings.length}`);
    log(`a newer copydesk on PATH, "copydesk: Restart server": ${preferred}`);
    // Gone again: the bundled binary, the same findings.
    fs.unlinkSync(newer);
    await runCommand(page, 'copydesk: Restart server');
    await page.waitForTimeout(500);
    await status.waitFor({ state: 'visible' });
    await statusSays(page, 'bundled with the extension:');
    await problemsHeader(page, `news-page.txt ${findings.length}`);
    await page.locator('.statusbar-item', { hasText: 'copydesk' }).locator('.codicon-check').waitFor({ state: 'attached' });
    log('removed, "copydesk: Restart server": the bundled binary again, same findings');

    // Quick fix: go to the first finding from the Problems panel, Ctrl+., pick the fix.
    const firstRow = rows.filter({ hasText: 'Ln 3, Col 1' }).first();
    await firstRow.click();
    await page.keyboard.press('Enter'); // reveals the finding in the editor
    // Put the cursor into the finding, in the editor, as a click does.
    await editor.locator('.view-line', { hasText: '本报讯' }).first().click();
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget:not(.action-list-submenu-panel)').first();
    await menu.waitFor({ state: 'visible', timeout: 10000 }).catch(async (error) => {
      await shot(page, 'no-quick-fix-menu');
      throw error;
    });
    const fixTitle = first.fixes[0].title;
    const choice = menu.locator('.monaco-list-row', { hasText: fixTitle }).first();
    await choice.waitFor({ state: 'visible' });
    log(`quick fix menu: ${(await menu.innerText()).replace(/\s+/g, ' | ')}`);
    await shot(page, 'quick-fix');
    await choice.click();
    await page.keyboard.press('Control+s');
    await waitForFile(afterQuickFix, 'after-quick-fix');
    log(`quick fix "${fixTitle}" saved: the file is as copydesk's fix of that finding makes it`);

    // Fix all in file, then save: the whole page as `copydesk fix` leaves it.
    await runCommand(page, 'copydesk: Fix all in file');
    await page.waitForTimeout(300);
    await editor.locator('.view-line').first().click();
    await page.keyboard.press('Control+s');
    await waitForFile(FIXED, 'after-fix-all');
    log('"copydesk: Fix all in file" saved: the file equals tests/fixtures/news-page.fixed.txt');
    // Undo (Ctrl+Z) and save: back to the quick fix alone. Then Reflow
    // document and save: every paragraph joined, as `copydesk fix --select
    // broken-wrap` (on this page, the same text as fix-all).
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+s');
    await waitForFile(afterQuickFix, 'after-undo');
    log('Ctrl+Z, Ctrl+S: back to the quick fix alone');
    const reflowed = execFileSync(COPYDESK_BIN, ['fix', '--stdout', '--select', 'broken-wrap', FILE]);
    await runCommand(page, 'copydesk: Reflow document');
    await page.waitForTimeout(300);
    await editor.locator('.view-line').first().click();
    await page.keyboard.press('Control+s');
    await waitForFile(reflowed, 'after-reflow');
    log('"copydesk: Reflow document" saved: the file is as `copydesk fix --select broken-wrap` makes it');

    // What is left is what the CLI still finds on the fixed page (not safe to fix).
    const left = cliFindings(path.join(ROOT, 'tests/fixtures/news-page.fixed.txt')).length;
    await problemsHeader(page, `news-page.txt ${left}`);
    log(`Problems panel after the fixes: ${left} entry left, as the CLI finds on the fixed page`);
    await shot(page, 'fixed');
    log('PASS');
  } catch (error) {
    await shot(page, 'failure').catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(`FAIL: ${error.stack || error}`);
  process.exit(1);
});
