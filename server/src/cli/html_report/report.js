// copydesk report: filters by rule, severity and article. A filter writes one
// small style sheet (the browser hides what it matches in one pass) and
// counts from the data below; it never walks the thousands of findings.
'use strict';
(function () {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const rule = document.getElementById('filter-rule');
  const severity = document.getElementById('filter-severity');
  const article = document.getElementById('filter-article');
  const shown = document.getElementById('shown-count');
  const sheet = document.createElement('style');
  document.head.appendChild(sheet);
  const sections = [...document.querySelectorAll('section.article')];
  let hiddenSections = [];

  function apply() {
    const r = rule.value, s = severity.value, a = article.value;
    const css = [];
    if (r) css.push(`.finding:not([data-rule="${r}"]),.issue:not([data-rule="${r}"]){display:none}`);
    if (s) css.push(`.finding:not([data-sev="${s}"]),.issue:not([data-sev="${s}"]){display:none}`);
    if (a) {
      css.push(`section.article:not([data-article="${a}"]){display:none}`);
      css.push(`.issue:not([data-articles~="${a}"]),tr.person:not([data-articles~="${a}"]){display:none}`);
    }
    sheet.textContent = css.join('\n');
    const ruleIndex = r ? data.rules.indexOf(r) : -1;
    const severityIndex = s ? data.severities.indexOf(s) : -1;
    const articleIndex = a ? Number(a) : -1;
    const perArticle = new Uint32Array(sections.length);
    let count = 0;
    for (const [f, fr, fs] of data.findings) {
      if ((ruleIndex < 0 || fr === ruleIndex) && (severityIndex < 0 || fs === severityIndex) &&
          (articleIndex < 0 || f === articleIndex)) {
        count++;
        perArticle[f]++;
      }
    }
    shown.textContent = String(count);
    // With a rule or a severity chosen, articles with nothing of it step aside.
    for (const section of hiddenSections) section.hidden = false;
    hiddenSections = [];
    if (r || s) {
      sections.forEach((section, index) => {
        if (perArticle[index] === 0) {
          section.hidden = true;
          hiddenSections.push(section);
        }
      });
    }
  }

  for (const select of [rule, severity, article]) select.addEventListener('change', apply);
  document.getElementById('filter-clear').addEventListener('click', () => {
    rule.value = severity.value = article.value = '';
    apply();
  });
  for (const button of document.querySelectorAll('[data-pick-rule]')) {
    button.addEventListener('click', () => {
      rule.value = button.dataset.pickRule;
      apply();
      document.getElementById('edition').scrollIntoView();
    });
  }
  // A link to a place under a filter that hides it shows everything again.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    const target = link && document.getElementById(link.getAttribute('href').slice(1));
    if (target && target.offsetParent === null && (rule.value || severity.value || article.value)) {
      rule.value = severity.value = article.value = '';
      apply();
    }
  });
  // Print everything, folded lists too.
  let folded = [];
  window.addEventListener('beforeprint', () => {
    folded = [...document.querySelectorAll('details:not([open])')];
    for (const d of folded) d.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const d of folded) d.open = false;
    folded = [];
  });
})();
