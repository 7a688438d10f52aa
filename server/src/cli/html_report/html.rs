//! The report as one HTML page: the style and the filter script inline, no
//! other resource, so the file can be mailed, archived and opened offline.

use super::Report;
use super::excerpt::{self, Bounds, Change, Piece};
use super::issues::{Issue, Place};
use crate::cli::report::FileReport;
use copydesk::finding::{Finding, Safety, Severity};
use copydesk::rules::RULES;
use copydesk::source::ColumnUnit;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::{self, Display, Write};

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// A form's places are listed in the open up to this many; more are folded.
const OPEN_PLACES: usize = 12;

const SEVERITIES: [Severity; 4] = [
    Severity::Error,
    Severity::Warning,
    Severity::Info,
    Severity::Hint,
];

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
        Severity::Info => "提示",
        Severity::Hint => "提醒",
    }
}

/// Text escaped for HTML content and attribute values.
struct Esc<'a>(&'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// Text of the page, its line breaks shown as `↵` (a wrap is often what the
/// finding is about); in a change, blanks are shown too.
fn write_text(out: &mut String, text: &str, show_blanks: bool) -> fmt::Result {
    let mut rest = text;
    loop {
        let next = rest.find(|c: char| {
            c == '\n' || c == '\r' || show_blanks && matches!(c, ' ' | '\u{3000}' | '\t')
        });
        let Some(at) = next else {
            return write!(out, "{}", Esc(rest));
        };
        write!(out, "{}", Esc(&rest[..at]))?;
        let c = rest[at..].chars().next().expect("found above");
        match c {
            '\n' => out.push_str("<span class=\"nl\">↵</span>"),
            '\r' => {}
            '\u{3000}' => out.push_str("<span class=\"ws\" title=\"全角空格\">□</span>"),
            '\t' => out.push_str("<span class=\"ws\" title=\"制表符\">⇥</span>"),
            _ => out.push_str("<span class=\"ws\" title=\"空格\">␣</span>"),
        }
        rest = &rest[at + c.len_utf8()..];
    }
}

fn write_pieces(out: &mut String, pieces: &[Piece<'_>], show_blanks: bool) -> fmt::Result {
    for piece in pieces {
        match piece {
            Piece::Text(text) => write_text(out, text, show_blanks)?,
            Piece::Elided => out.push_str("<span class=\"cut\" title=\"中间从略\">⋯</span>"),
        }
    }
    Ok(())
}

/// `line:column`, 1-based, columns in characters (as `check` reports).
fn position(report: &FileReport, offset: usize) -> String {
    let at = report.source.line_col(offset, ColumnUnit::Char);
    format!("{}:{}", at.line + 1, at.column + 1)
}

pub fn render(report: &Report<'_>) -> String {
    let mut out = String::with_capacity(4096 + report.reports.len() * 8192);
    write_page(&mut out, report).expect("writing to a String");
    out
}

fn write_page(out: &mut String, report: &Report<'_>) -> fmt::Result {
    let findings: usize = report.reports.iter().map(|r| r.findings.len()).sum();
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"copydesk {version}\">\n\
         <title>校对报告 · {articles} 篇稿件 · {findings} 条问题</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        version = env!("CARGO_PKG_VERSION"),
        articles = report.reports.len(),
    )?;
    writeln!(
        out,
        "<header class=\"top\"><h1>校对报告</h1><p class=\"meta\">copydesk {} · 检查了 {}</p></header>",
        env!("CARGO_PKG_VERSION"),
        Esc(&report.checked),
    )?;
    write_filters(out, report)?;
    out.push_str("<main>\n");
    write_summary(out, report, findings)?;
    write_unreadable(out, report)?;
    write_issues(out, report)?;
    write_articles(out, report)?;
    write_cast(out, report)?;
    out.push_str("</main>\n<footer>本报告由 copydesk 生成，是一个独立的文件：不联网，不取外部字体或脚本，可转发、存档、打印。</footer>\n");
    write_data(out, report)?;
    write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n")
}

/// The rules found in the run, in the registry's order, with their counts.
fn rule_counts(report: &Report<'_>) -> Vec<(&'static str, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in report.reports.iter().flat_map(|r| &r.findings) {
        *counts.entry(finding.rule).or_default() += 1;
    }
    RULES
        .iter()
        .map(|rule| rule.info().id)
        .filter_map(|id| counts.get(id).map(|&n| (id, n)))
        .collect()
}

fn write_filters(out: &mut String, report: &Report<'_>) -> fmt::Result {
    out.push_str("<nav class=\"filters\" aria-label=\"筛选\">\n<div class=\"jump\"><a href=\"#summary\">概况</a><a href=\"#edition\">全刊问题</a><a href=\"#articles\">各篇稿件</a><a href=\"#cast\">人物表</a></div>\n");
    out.push_str("<label>规则 <select id=\"filter-rule\"><option value=\"\">全部</option>");
    for (rule, count) in rule_counts(report) {
        write!(out, "<option value=\"{rule}\">{rule}（{count}）</option>")?;
    }
    out.push_str("</select></label>\n<label>级别 <select id=\"filter-severity\"><option value=\"\">全部</option>");
    for severity in SEVERITIES {
        let count = report
            .reports
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.severity == severity)
            .count();
        if count > 0 {
            write!(
                out,
                "<option value=\"{}\">{}（{count}）</option>",
                severity.as_str(),
                severity_label(severity)
            )?;
        }
    }
    out.push_str("</select></label>\n<label>稿件 <select id=\"filter-article\"><option value=\"\">全部</option>");
    for (index, file) in report.reports.iter().enumerate() {
        write!(
            out,
            "<option value=\"{index}\">{}（{}）</option>",
            Esc(&file.path),
            file.findings.len()
        )?;
    }
    out.push_str(
        "</select></label>\n<button type=\"button\" id=\"filter-clear\">全部显示</button>\n",
    );
    write!(
        out,
        "<output id=\"shown\" aria-live=\"polite\">显示 <b id=\"shown-count\">{0}</b> / {0} 条问题</output>\n</nav>\n",
        report
            .reports
            .iter()
            .map(|r| r.findings.len())
            .sum::<usize>()
    )
}

fn write_summary(out: &mut String, report: &Report<'_>, findings: usize) -> fmt::Result {
    let characters: usize = report.characters.iter().sum();
    let with_findings = report
        .reports
        .iter()
        .filter(|r| !r.findings.is_empty())
        .count();
    let fixable = |f: &&Finding| f.safe_edits().next().is_some();
    let fixable_total = report
        .reports
        .iter()
        .flat_map(|r| &r.findings)
        .filter(fixable)
        .count();
    let fixable_articles = report
        .reports
        .iter()
        .filter(|r| r.findings.iter().any(|f| fixable(&f)))
        .count();
    let unregistered = report
        .cast
        .iter()
        .filter(|p| p.registered == Some(false))
        .count();
    out.push_str("<section id=\"summary\">\n<h2>概况</h2>\n");
    if report.reports.is_empty() {
        out.push_str("<p class=\"empty\" data-empty>本次没有读到任何稿件：给出的路径下没有 .txt、.md 或 .markdown 文件");
        if !report.errors.is_empty() {
            out.push_str("，或文件都未能读取（见下）");
        }
        out.push_str("。</p>\n");
    }
    write!(
        out,
        "<dl class=\"numbers\">\
         <div><dt>稿件</dt><dd><b data-count=\"articles\">{}</b> 篇</dd></div>\
         <div><dt>字数（不计空白）</dt><dd><b data-count=\"characters\">{characters}</b></dd></div>\
         <div><dt>问题</dt><dd><b data-count=\"findings\">{findings}</b> 条，涉及 <b data-count=\"articles-with-findings\">{with_findings}</b> 篇</dd></div>\
         <div><dt>copydesk fix 可自动修复</dt><dd><b data-count=\"fixable\">{fixable_total}</b> 条，涉及 {fixable_articles} 篇</dd></div>\
         <div><dt>全刊问题</dt><dd><b data-count=\"issues\">{}</b> 组</dd></div>\
         <div><dt>人物</dt><dd><b data-count=\"people\">{}</b> 人",
        report.reports.len(),
        report.issues.len(),
        report.cast.len(),
    )?;
    if report.has_register {
        write!(
            out,
            "，未登记 <b data-count=\"unregistered\">{unregistered}</b> 人"
        )?;
    }
    out.push_str("</dd></div>");
    if !report.errors.is_empty() {
        write!(
            out,
            "<div class=\"bad\"><dt>未能读取</dt><dd><b data-count=\"unreadable\">{}</b> 个文件</dd></div>",
            report.errors.len()
        )?;
    }
    out.push_str("</dl>\n<p class=\"severities\">");
    for severity in SEVERITIES {
        let count = report
            .reports
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.severity == severity)
            .count();
        write!(
            out,
            "<span class=\"sev sev-{0}\">{1} <b data-count-severity=\"{0}\">{count}</b></span>",
            severity.as_str(),
            severity_label(severity)
        )?;
    }
    out.push_str("</p>\n");
    let counts = rule_counts(report);
    if !counts.is_empty() {
        out.push_str("<table class=\"rules\"><thead><tr><th>规则</th><th>查的是什么</th><th>条数</th><th>可自动修复</th></tr></thead><tbody>\n");
        for (rule, count) in counts {
            let info = copydesk::rules::rule(rule)
                .expect("a registered rule")
                .info();
            let fixable = report
                .reports
                .iter()
                .flat_map(|r| &r.findings)
                .filter(|f| f.rule == rule)
                .filter(fixable)
                .count();
            write!(
                out,
                "<tr><td><button type=\"button\" class=\"rule\" data-pick-rule=\"{rule}\" title=\"只看这条规则\">{rule}</button></td><td>"
            )?;
            write_with_code(out, &first_paragraph(&info.doc()))?;
            writeln!(
                out,
                "</td><td class=\"n\" data-count-rule=\"{rule}\">{count}</td><td class=\"n\">{}</td></tr>",
                if fixable > 0 {
                    fixable.to_string()
                } else {
                    "—".to_owned()
                },
            )?;
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

/// The first paragraph of a rule's documentation (its summary, whole: the
/// one-line summary of `copydesk rules` stops at the end of a source line).
fn first_paragraph(doc: &str) -> String {
    doc.lines()
        .skip_while(|line| line.starts_with('#') || line.trim().is_empty())
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect()
}

/// Markdown text with its `code` spans as `<code>`.
fn write_with_code(out: &mut String, markdown: &str) -> fmt::Result {
    for (index, part) in markdown.split('`').enumerate() {
        if index % 2 == 1 {
            write!(out, "<code>{}</code>", Esc(part))?;
        } else {
            write!(out, "{}", Esc(part))?;
        }
    }
    Ok(())
}

fn write_unreadable(out: &mut String, report: &Report<'_>) -> fmt::Result {
    if report.errors.is_empty() {
        return Ok(());
    }
    out.push_str("<section id=\"unreadable\">\n<h2>未能读取的文件</h2>\n<p>这些文件没有检查，原样未动：</p>\n<ul>\n");
    for error in report.errors {
        writeln!(
            out,
            "<li data-unreadable><code>{}</code>：{}</li>",
            Esc(&error.path.display().to_string()),
            Esc(&error.message)
        )?;
    }
    out.push_str("</ul>\n</section>\n");
    Ok(())
}

/// A link to a place: to its finding when it is one, else to its article.
fn place_link(
    out: &mut String,
    report: &Report<'_>,
    place: &Place,
    finding: Option<usize>,
) -> fmt::Result {
    let file = &report.reports[place.article];
    let target = match finding {
        Some(index) => format!("f{}-{index}", place.article),
        None => format!("a{}", place.article),
    };
    write!(
        out,
        "<a class=\"at\" href=\"#{target}\" title=\"{}\">{} {}</a>",
        Esc(&file.path),
        Esc(report.short_names[place.article]),
        position(file, place.range.start)
    )
}

fn write_context(
    out: &mut String,
    file: &FileReport,
    range: &std::ops::Range<usize>,
) -> fmt::Result {
    let context = excerpt::in_context(
        file.source.text(),
        range.clone(),
        Bounds::of(file.source.language()),
    );
    out.push_str("<q class=\"ctx\">");
    if context.cut_before {
        out.push_str("<span class=\"cut\">⋯</span>");
    }
    write_text(out, context.before, false)?;
    out.push_str("<mark>");
    write_pieces(out, &context.marked, true)?;
    out.push_str("</mark>");
    write_text(out, context.after, false)?;
    if context.cut_after {
        out.push_str("<span class=\"cut\">⋯</span>");
    }
    out.push_str("</q>");
    Ok(())
}

fn write_fix(out: &mut String, file: &FileReport, fix: &copydesk::Fix) -> fmt::Result {
    let shown = excerpt::fix_excerpt(file.source.text(), fix, Bounds::of(file.source.language()));
    let (class, kind) = match fix.safety {
        Safety::Safe => ("safe", "copydesk fix 可自动修复"),
        Safety::Suggestion => ("suggestion", "建议，需人工判断"),
    };
    write!(
        out,
        "<div class=\"fix {class}\"><span class=\"kind\">{kind}</span> {}<div class=\"diff\"><span class=\"before\">",
        Esc(&fix.title)
    )?;
    let side = |out: &mut String, after: bool| -> fmt::Result {
        if shown.cut_before {
            out.push_str("<span class=\"cut\">⋯</span>");
        }
        for change in &shown.changes {
            match change {
                Change::Same(pieces) => write_pieces(out, pieces, false)?,
                Change::Replaced { old, new } => {
                    let (tag, text) = if after { ("ins", new) } else { ("del", old) };
                    write!(out, "<{tag}>")?;
                    write_text(out, text, true)?;
                    write!(out, "</{tag}>")?;
                }
            }
        }
        if shown.cut_after {
            out.push_str("<span class=\"cut\">⋯</span>");
        }
        Ok(())
    };
    side(out, false)?;
    out.push_str("</span><span class=\"arrow\" aria-label=\"改为\">→</span><span class=\"after\">");
    side(out, true)?;
    out.push_str("</span></div></div>");
    Ok(())
}

fn write_issues(out: &mut String, report: &Report<'_>) -> fmt::Result {
    out.push_str("<section id=\"edition\">\n<h2>全刊问题 <small>跨稿件的一致性：人名写法、职务、名单排序、说法</small></h2>\n");
    if report.issues.is_empty() {
        out.push_str("<p class=\"none\">没有发现跨稿件的不一致。</p>\n</section>\n");
        return Ok(());
    }
    for (number, issue) in report.issues.iter().enumerate() {
        write_issue(out, report, number, issue)?;
    }
    out.push_str("</section>\n");
    Ok(())
}

fn write_issue(out: &mut String, report: &Report<'_>, number: usize, issue: &Issue) -> fmt::Result {
    let mut articles: Vec<usize> = issue
        .findings
        .iter()
        .map(|&(article, _)| article)
        .chain(issue.related.iter().map(|(place, _)| place.article))
        .chain(
            issue
                .forms
                .iter()
                .flat_map(|f| f.places.iter().map(|p| p.article)),
        )
        .collect();
    articles.sort_unstable();
    articles.dedup();
    let list: Vec<String> = articles.iter().map(usize::to_string).collect();
    write!(
        out,
        "<article class=\"issue\" id=\"i{number}\" data-rule=\"{}\" data-sev=\"{}\" data-articles=\"{}\">\n<h3><span class=\"sev sev-{1}\">{}</span> <code>{0}</code> ",
        issue.rule,
        issue.severity.as_str(),
        list.join(" "),
        severity_label(issue.severity),
    )?;
    let mut heading: Vec<&str> = issue.forms.iter().map(|f| f.text.as_str()).collect();
    heading.dedup();
    if heading.is_empty() {
        let (article, index) = issue.findings[0];
        let finding = &report.reports[article].findings[index];
        write!(out, "{}", Esc(&finding.message))?;
    } else {
        write!(out, "{}", Esc(&heading.join(" / ")))?;
    }
    write!(
        out,
        " <small>{} 处需改，涉及 {} 篇稿件</small></h3>\n<ol class=\"places\">\n",
        issue.findings.len(),
        articles.len()
    )?;
    for &(article, index) in &issue.findings {
        let file = &report.reports[article];
        let finding = &file.findings[index];
        out.push_str("<li class=\"to-change\">");
        place_link(
            out,
            report,
            &Place {
                article,
                range: finding.range.clone(),
            },
            Some(index),
        )?;
        out.push(' ');
        write_context(out, file, &finding.range)?;
        write!(out, "<p class=\"msg\">{}</p>", Esc(&finding.message))?;
        for fix in &finding.fixes {
            write_fix(out, file, fix)?;
        }
        out.push_str("</li>\n");
    }
    for (place, message) in &issue.related {
        let file = &report.reports[place.article];
        out.push_str("<li class=\"reference\"><span class=\"tag\">参照</span> ");
        place_link(out, report, place, None)?;
        out.push(' ');
        write_context(out, file, &place.range)?;
        writeln!(out, "<p class=\"msg\">{}</p></li>", Esc(message))?;
    }
    out.push_str("</ol>\n");
    if !issue.forms.is_empty() {
        out.push_str("<table class=\"forms\"><thead><tr><th>写法</th><th>次数</th><th>出处（全刊每一处）</th></tr></thead><tbody>\n");
        for form in &issue.forms {
            write!(
                out,
                "<tr><td><span class=\"of\">{}</span> <b>{}</b></td><td class=\"n\">{}</td><td>",
                Esc(&form.of),
                Esc(&form.text),
                form.places.len()
            )?;
            let folded = form.places.len() > OPEN_PLACES;
            if folded {
                write!(out, "<details><summary>{} 处</summary>", form.places.len())?;
            }
            for place in &form.places {
                let finding = issue
                    .findings
                    .iter()
                    .find(|&&(article, index)| {
                        article == place.article
                            && report.reports[article].findings[index].range == place.range
                    })
                    .map(|&(_, index)| index);
                place_link(out, report, place, finding)?;
                out.push(' ');
            }
            if folded {
                out.push_str("</details>");
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</article>\n");
    Ok(())
}

fn write_articles(out: &mut String, report: &Report<'_>) -> fmt::Result {
    out.push_str("<section id=\"articles\">\n<h2>各篇稿件</h2>\n");
    // Each article's part is written on its own core: a large edition has
    // thousands of findings to put in context.
    let parts: Vec<String> = report
        .reports
        .par_iter()
        .enumerate()
        .map(|(index, file)| {
            let mut part = String::with_capacity(1024 + file.findings.len() * 1024);
            write_article(&mut part, report, index, file).expect("writing to a String");
            part
        })
        .collect();
    for part in parts {
        out.push_str(&part);
    }
    out.push_str("</section>\n");
    Ok(())
}

fn write_article(
    out: &mut String,
    report: &Report<'_>,
    index: usize,
    file: &FileReport,
) -> fmt::Result {
    let characters = report.characters[index];
    write!(
        out,
        "<section class=\"article\" id=\"a{index}\" data-article=\"{index}\">\n<h3><code>{}</code> <small>{characters} 字 · {} 条问题</small></h3>\n",
        Esc(&file.path),
        file.findings.len()
    )?;
    if file.findings.is_empty() {
        out.push_str("<p class=\"none\">没有发现问题。</p>\n</section>\n");
        return Ok(());
    }
    out.push_str("<ol class=\"findings\">\n");
    for (number, finding) in file.findings.iter().enumerate() {
        write!(
            out,
            "<li class=\"finding\" id=\"f{index}-{number}\" data-rule=\"{}\" data-sev=\"{}\"><div class=\"head\"><span class=\"sev sev-{1}\">{}</span> <code class=\"rule\">{0}</code> <span class=\"pos\" title=\"行:列\">{}</span></div>",
            finding.rule,
            finding.severity.as_str(),
            severity_label(finding.severity),
            position(file, finding.range.start),
        )?;
        write_context(out, file, &finding.range)?;
        write!(out, "<p class=\"msg\">{}</p>", Esc(&finding.message))?;
        for fix in &finding.fixes {
            write_fix(out, file, fix)?;
        }
        if !finding.related.is_empty() {
            out.push_str("<ul class=\"related\">");
            for related in &finding.related {
                let article = match &related.document {
                    Some(id) => report.article_of.get(&**id).copied(),
                    None => Some(index),
                };
                out.push_str("<li>");
                if let Some(article) = article {
                    place_link(
                        out,
                        report,
                        &Place {
                            article,
                            range: related.range.clone(),
                        },
                        None,
                    )?;
                    out.push(' ');
                }
                write!(out, "{}</li>", Esc(&related.message))?;
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
    Ok(())
}

fn write_cast(out: &mut String, report: &Report<'_>) -> fmt::Result {
    out.push_str("<section id=\"cast\">\n<h2>人物表 <small>copydesk people</small></h2>\n");
    if report.cast.is_empty() {
        out.push_str("<p class=\"none\">稿件里没有认出人名。</p>\n</section>\n");
        return Ok(());
    }
    if report.has_register {
        out.push_str("<p>标 <span class=\"unregistered-tag\">未登记</span> 的人不在名册（copydesk.toml）里：核对写法和职务，或补进名册。</p>\n");
    } else {
        out.push_str(
            "<p>本期稿件没有名册（copydesk.toml 的 [[people]]），无法核对谁已登记。</p>\n",
        );
    }
    out.push_str("<table class=\"people\"><thead><tr><th>姓名</th><th>职务</th><th>提及</th><th>稿件</th></tr></thead><tbody>\n");
    for person in &report.cast {
        let list: Vec<String> = person.articles.iter().map(|(a, _)| a.to_string()).collect();
        write!(
            out,
            "<tr class=\"person{}\" data-articles=\"{}\"><td><b>{}</b>{}</td><td>{}</td><td class=\"n\">{}</td><td>",
            if person.registered == Some(false) {
                " unregistered"
            } else {
                ""
            },
            list.join(" "),
            Esc(&person.name),
            if person.registered == Some(false) {
                " <span class=\"unregistered-tag\">未登记</span>"
            } else {
                ""
            },
            if person.titles.is_empty() {
                "—".to_owned()
            } else {
                Esc(&person.titles.join("、")).to_string()
            },
            person.mentions
        )?;
        let folded = person.articles.len() > OPEN_PLACES;
        if folded {
            write!(
                out,
                "<details><summary>{} 篇</summary>",
                person.articles.len()
            )?;
        }
        for &(article, count) in &person.articles {
            write!(
                out,
                "<a class=\"at\" href=\"#a{article}\" title=\"{}\">{}</a>",
                Esc(&report.reports[article].path),
                Esc(report.short_names[article])
            )?;
            if count > 1 {
                write!(out, "<span class=\"times\">×{count}</span>")?;
            }
            out.push(' ');
        }
        if folded {
            out.push_str("</details>");
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n</section>\n");
    Ok(())
}

/// What the filters count: for each finding, its article, rule and severity
/// (indexes into the lists given alongside).
fn write_data(out: &mut String, report: &Report<'_>) -> fmt::Result {
    let rules: Vec<&str> = RULES.iter().map(|r| r.info().id).collect();
    let severities: Vec<&str> = SEVERITIES.iter().map(|s| s.as_str()).collect();
    out.push_str("<script type=\"application/json\" id=\"report-data\">{\"rules\":");
    out.push_str(&serde_json::to_string(&rules).expect("strings serialize"));
    out.push_str(",\"severities\":");
    out.push_str(&serde_json::to_string(&severities).expect("strings serialize"));
    out.push_str(",\"findings\":[");
    let mut first = true;
    for (article, file) in report.reports.iter().enumerate() {
        for finding in &file.findings {
            let rule = rules.iter().position(|&r| r == finding.rule).unwrap_or(0);
            let severity = SEVERITIES
                .iter()
                .position(|&s| s == finding.severity)
                .unwrap_or(0);
            if !first {
                out.push(',');
            }
            first = false;
            write!(out, "[{article},{rule},{severity}]")?;
        }
    }
    out.push_str("]}</script>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_its_line_breaks_and_blanks_shown() {
        let mut out = String::new();
        write_text(&mut out, "<b>\"甲\" & '乙'\n丙 丁", false).unwrap();
        assert_eq!(
            out,
            "&lt;b&gt;&quot;甲&quot; &amp; &#39;乙&#39;<span class=\"nl\">↵</span>丙 丁"
        );
        let mut blanks = String::new();
        write_text(&mut blanks, "甲 乙\u{3000}丙", true).unwrap();
        assert_eq!(
            blanks,
            "甲<span class=\"ws\" title=\"空格\">␣</span>乙<span class=\"ws\" title=\"全角空格\">□</span>丙"
        );
    }
}
