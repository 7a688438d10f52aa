// The browser's side of scripts/bench-report: opens a `copydesk report` from
// disk in headless Chromium (playwright-core) RUNS times and prints, as JSON,
// the median time to the load event and to the first contentful paint, and
// the median time each interaction takes until the next frame is painted:
// a filter by rule, by severity, by article, clearing the filters, and a jump
// to the last article.
//
//   node scripts/bench-report-browser.js REPORT.html [RUNS]
// (NODE_PATH must find playwright-core: tests/editors/.deps/code-server/node_modules)
'use strict';
const { chromium } = require('playwright-core');
const { pathToFileURL } = require('url');

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg || 5);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** In the page: sets a filter and waits for the frame that shows it. */
function interact(kind) {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const choose = (id, value) => {
    const select = document.getElementById(id);
    select.value = value;
    select.dispatchEvent(new Event('change'));
  };
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const commonest = () => {
    const counts = new Map();
    for (const [, rule] of data.findings) counts.set(rule, (counts.get(rule) || 0) + 1);
    return data.rules[[...counts].sort((a, b) => b[1] - a[1])[0][0]];
  };
  const start = performance.now();
  switch (kind) {
    case 'rule': choose('filter-rule', commonest()); break;
    case 'severity': choose('filter-severity', 'warning'); break;
    case 'article': choose('filter-article', String(document.querySelectorAll('section.article').length - 1)); break;
    case 'clear': document.getElementById('filter-clear').click(); break;
    case 'jump': location.hash = `#a${document.querySelectorAll('section.article').length - 1}`; break;
  }
  return nextFrame().then(() => performance.now() - start);
}

async function main() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const results = { load: [], fcp: [], rule: [], severity: [], article: [], clear: [], jump: [] };
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const timing = await page.evaluate(() => ({
        load: performance.getEntriesByType('navigation')[0].loadEventEnd,
        fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
      }));
      results.load.push(timing.load);
      results.fcp.push(timing.fcp);
      for (const kind of ['rule', 'clear', 'severity', 'clear', 'article', 'clear', 'jump']) {
        results[kind].push(await page.evaluate(interact, kind));
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const summary = {};
  for (const [key, values] of Object.entries(results)) {
    summary[key] = Math.round(median(values.filter((v) => v !== undefined)));
  }
  console.log(JSON.stringify(summary));
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});
