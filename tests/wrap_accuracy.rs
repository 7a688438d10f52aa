//! How well does `copydesk fix --select broken-wrap` undo the hard wraps of a
//! newspaper page extracted from PDF?
//!
//! The articles in `fixtures/wrap/articles.txt` are laid out the way such an
//! extraction looks (see `shared/seeds/news-page.txt`): narrow columns,
//! punctuation compressed, kinsoku line breaking, the paragraph indent lost,
//! often a blank line after every line, headlines after the body. Each page
//! goes through the binary, and we count how many headline lines, bylines and
//! paragraphs come back as one exact line each.
//!
//! The pages in `fixtures/wrap/pdf/` are real extractions: People's Daily
//! articles typeset into column pages by headless Chromium and typst, and
//! extracted by pdftotext (default and `-raw`), PyMuPDF and pypdf
//! (`scripts/pdf-accuracy --write-fixtures`, and a few more of its kept
//! pages for the classes of mistake they once showed), each with its answer
//! (`NAME.answer.txt`, one line per headline, byline and paragraph).

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::io::Write;
use std::ops::Range;
use std::process::{Command, Stdio};

const ARTICLES: &str = include_str!("fixtures/wrap/articles.txt");
const PAGES: u64 = 100;
const REQUIRED_SHARE: f64 = 0.95;
const CORPUS_PARAGRAPHS: usize = 2_000;
const FAILURES_SHOWN: usize = 15;
/// The rules that undo what typesetting and extraction did to a page.
const WRAP_RULES: &str = "broken-wrap";
const PDF_RULES: &str = "broken-wrap,cjk-latin-space";
const REQUIRED_PDF_SHARE: f64 = 0.95;
const GOT_LINES_SHOWN: usize = 8;

/// How many failures a report shows: `COPYDESK_WRAP_FAILURES` when set,
/// to read them all after a change.
fn failures_shown() -> usize {
    std::env::var("COPYDESK_WRAP_FAILURES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(FAILURES_SHOWN)
}

#[test]
fn wrapped_articles_are_restored() {
    let articles = parse_articles(ARTICLES);
    assert!(
        articles.len() >= 8,
        "expected at least 8 articles in the fixture"
    );

    let mut tally = Tally::default();
    for seed in 1..=PAGES {
        let mut rng = XorShift::new(seed);
        let first = (seed as usize) % articles.len();
        let chosen = choose_articles(&articles, first, &mut rng);
        let page = lay_out_page(seed, &chosen, &mut rng);
        let output = run_fix(&page.text, WRAP_RULES);
        tally.record(&page, &output);
    }

    tally.print("built-in articles");
    let share = tally.share();
    assert!(
        share >= REQUIRED_SHARE,
        "broken-wrap restored {:.1}% of units exactly, below the required {:.0}% (report above)",
        share * 100.0,
        REQUIRED_SHARE * 100.0
    );
}

#[test]
#[ignore = "needs COPYDESK_WRAP_CORPUS=FILE (one paragraph per line); see scripts/wrap-accuracy"]
fn corpus_paragraphs_are_restored() {
    let path = std::env::var("COPYDESK_WRAP_CORPUS")
        .expect("set COPYDESK_WRAP_CORPUS to a file with one paragraph per line");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let paragraphs: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| line.chars().count() >= 8)
        .take(CORPUS_PARAGRAPHS)
        .map(String::from)
        .collect();

    let mut rng = XorShift::new(0xC0FFEE);
    let articles = group_into_articles(paragraphs, &mut rng);

    let mut tally = Tally::default();
    let mut next = 0;
    let mut seed = 1;
    while next < articles.len() {
        let mut rng = XorShift::new(seed);
        let count = articles_per_page(&mut rng).min(articles.len() - next);
        let chosen: Vec<&Article> = articles[next..next + count].iter().collect();
        let page = lay_out_page(seed, &chosen, &mut rng);
        let output = run_fix(&page.text, WRAP_RULES);
        tally.record(&page, &output);
        next += count;
        seed += 1;
    }

    tally.print(&format!("corpus {path}"));
}

#[test]
fn extracted_pdf_pages_are_restored() {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/wrap/pdf");
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(&folder)
        .expect("fixtures/wrap/pdf exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "txt")
                && !path.to_string_lossy().ends_with(".answer.txt")
        })
        .collect();
    pages.sort();
    assert!(
        pages.len() >= 4,
        "expected at least 4 extracted pages in {folder:?}"
    );
    let (mut restored, mut total) = (0, 0);
    for path in &pages {
        let page = std::fs::read_to_string(path).expect("a page");
        let answer =
            std::fs::read_to_string(path.with_extension("answer.txt")).expect("its answer");
        let output = run_fix(&page, PDF_RULES);
        assert_eq!(
            non_whitespace(&page),
            non_whitespace(&output),
            "{path:?}: the fix changed non-whitespace characters"
        );
        let lines: HashSet<String> = output.lines().map(as_compared).collect();
        let name = path.file_name().expect("a file name").to_string_lossy();
        let units: Vec<&str> = answer.lines().filter(|l| !l.trim().is_empty()).collect();
        let missing: Vec<&&str> = units
            .iter()
            .filter(|u| !lines.contains(&as_compared(u)))
            .collect();
        println!(
            "{name}: {}/{} lines restored exactly",
            units.len() - missing.len(),
            units.len()
        );
        for unit in missing.iter().take(failures_shown()) {
            println!("    not restored: {unit}");
        }
        restored += units.len() - missing.len();
        total += units.len();
    }
    let share = restored as f64 / total.max(1) as f64;
    println!(
        "extracted PDF pages: {restored}/{total} lines restored exactly = {:.1}% on {} pages",
        share * 100.0,
        pages.len()
    );
    assert!(
        share >= REQUIRED_PDF_SHARE,
        "{:.1}% of the extracted pages' lines restored, below the required {:.0}% (report above)",
        share * 100.0,
        REQUIRED_PDF_SHARE * 100.0
    );
}

/// A line as compared with its answer: blanks between two Chinese characters
/// (a headline's halves, a byline's roles, the spacing an extractor wrote out
/// of justified lines) left out, other runs of blanks one space. A blank
/// between Chinese and Latin counts: the typesetter's, not the copy's.
fn as_compared(line: &str) -> String {
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut out = String::new();
    for (i, word) in words.iter().enumerate() {
        let chinese_either_side = i > 0
            && out.chars().next_back().is_some_and(|c| !c.is_ascii())
            && word.chars().next().is_some_and(|c| !c.is_ascii());
        if i > 0 && !chinese_either_side {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

// ---------------------------------------------------------------------------
// Articles

#[derive(Debug, Default)]
struct Article {
    headlines: Vec<String>,
    byline: Option<String>,
    paragraphs: Vec<String>,
}

fn parse_articles(text: &str) -> Vec<Article> {
    let mut articles = vec![Article::default()];
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let article = articles.last_mut().expect("never empty");
        if line == "===" {
            articles.push(Article::default());
        } else if let Some(headline) = line.strip_prefix("H: ") {
            article.headlines.push(headline.to_string());
        } else if let Some(byline) = line.strip_prefix("B: ") {
            article.byline = Some(byline.to_string());
        } else {
            article.paragraphs.push(line.to_string());
        }
    }
    articles
}

fn group_into_articles(paragraphs: Vec<String>, rng: &mut XorShift) -> Vec<Article> {
    let mut articles = Vec::new();
    let mut rest = paragraphs.into_iter().peekable();
    while rest.peek().is_some() {
        let size = rng.between(3, 8) as usize;
        articles.push(Article {
            paragraphs: rest.by_ref().take(size).collect(),
            ..Article::default()
        });
    }
    articles
}

fn articles_per_page(rng: &mut XorShift) -> usize {
    match rng.below(100) {
        0..15 => 1,
        15..65 => 2,
        _ => 3,
    }
}

/// Consecutive articles starting at `first`, so that every article is used.
fn choose_articles<'a>(
    articles: &'a [Article],
    first: usize,
    rng: &mut XorShift,
) -> Vec<&'a Article> {
    let count = articles_per_page(rng);
    (0..count)
        .map(|i| &articles[(first + i) % articles.len()])
        .collect()
}

// ---------------------------------------------------------------------------
// Page layout

#[derive(Clone, Copy, Debug)]
struct PageStyle {
    /// Column width in units: a CJK character is one unit.
    width: u32,
    blank_after_every_line: bool,
    /// On a blank-line page, a few wrapped lines still lack their blank line.
    some_blank_lines_missing: bool,
    /// On a no-blank page, a blank line may still separate the articles.
    blank_between_articles: bool,
    headlines: HeadlinePlace,
}

/// Where an article's headlines stand: PDF extraction often puts them last.
#[derive(Clone, Copy, Debug, PartialEq)]
enum HeadlinePlace {
    First,
    Last,
    /// The articles have none (a corpus of bare paragraphs).
    Absent,
}

impl PageStyle {
    fn random(rng: &mut XorShift) -> Self {
        let blank_after_every_line = rng.chance(50);
        PageStyle {
            width: rng.between(12, 26),
            blank_after_every_line,
            some_blank_lines_missing: blank_after_every_line && rng.chance(20),
            blank_between_articles: !blank_after_every_line && rng.chance(50),
            headlines: if rng.chance(30) {
                HeadlinePlace::First
            } else {
                HeadlinePlace::Last
            },
        }
    }
}

impl fmt::Display for PageStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "W={}, ", self.width)?;
        match (self.blank_after_every_line, self.some_blank_lines_missing) {
            (true, false) => write!(f, "blank line after every line")?,
            (true, true) => write!(f, "blank line after most lines")?,
            (false, _) if self.blank_between_articles => {
                write!(f, "no blank lines except between articles")?
            }
            (false, _) => write!(f, "no blank lines")?,
        }
        match self.headlines {
            HeadlinePlace::First => write!(f, ", headlines first"),
            HeadlinePlace::Last => write!(f, ", headlines last"),
            HeadlinePlace::Absent => Ok(()),
        }
    }
}

/// What separates a line from the line before it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gap {
    WithinParagraph,
    BetweenHeadlines,
    BetweenUnits,
    BetweenArticles,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum UnitKind {
    Headline,
    Byline,
    Paragraph,
}

/// A line the fix should produce: a headline line, a byline or a paragraph.
#[derive(Debug)]
struct Unit {
    kind: UnitKind,
    text: String,
}

#[derive(Debug)]
struct Page {
    seed: u64,
    style: PageStyle,
    text: String,
    /// In page order, so their non-whitespace characters make up the page's.
    units: Vec<Unit>,
}

#[derive(Default)]
struct PageBuilder {
    lines: Vec<(Gap, String)>,
    units: Vec<Unit>,
}

impl PageBuilder {
    /// A line laid out as it is; `indent` is printed but is no part of it.
    fn unwrapped(&mut self, gap: Gap, kind: UnitKind, text: &str, indent: &str) {
        self.lines.push((gap, format!("{indent}{text}")));
        self.units.push(Unit {
            kind,
            text: text.to_string(),
        });
    }

    fn paragraph(&mut self, gap: Gap, text: &str, width: u32) {
        for (i, line) in wrap_paragraph(text, width).into_iter().enumerate() {
            let gap = if i == 0 { gap } else { Gap::WithinParagraph };
            self.lines.push((gap, line));
        }
        self.units.push(Unit {
            kind: UnitKind::Paragraph,
            text: text.to_string(),
        });
    }

    fn render(self, style: &PageStyle, rng: &mut XorShift) -> (String, Vec<Unit>) {
        let mut text = String::new();
        for (i, (gap, line)) in self.lines.into_iter().enumerate() {
            if i > 0 {
                text.push_str(separator(gap, style, rng));
            }
            text.push_str(&line);
        }
        text.push('\n');
        (text, self.units)
    }
}

fn separator(gap: Gap, style: &PageStyle, rng: &mut XorShift) -> &'static str {
    let blank = if style.blank_after_every_line {
        match gap {
            // As in the seed page, where two headline lines follow each other.
            Gap::BetweenHeadlines => !rng.chance(30),
            Gap::WithinParagraph => !(style.some_blank_lines_missing && rng.chance(10)),
            Gap::BetweenUnits | Gap::BetweenArticles => true,
        }
    } else {
        gap == Gap::BetweenArticles && style.blank_between_articles
    };
    if blank { "\n\n" } else { "\n" }
}

fn lay_out_page(seed: u64, articles: &[&Article], rng: &mut XorShift) -> Page {
    let mut style = PageStyle::random(rng);
    if articles.iter().all(|a| a.headlines.is_empty()) {
        style.headlines = HeadlinePlace::Absent;
    }
    let mut page = PageBuilder::default();
    for (i, article) in articles.iter().enumerate() {
        let gap = if i == 0 {
            Gap::BetweenUnits
        } else {
            Gap::BetweenArticles
        };
        lay_out_article(&mut page, gap, article, &style, rng);
    }
    let (text, units) = page.render(&style, rng);
    Page {
        seed,
        style,
        text,
        units,
    }
}

fn lay_out_article(
    page: &mut PageBuilder,
    first_gap: Gap,
    article: &Article,
    style: &PageStyle,
    rng: &mut XorShift,
) {
    let mut gap = first_gap;
    if style.headlines == HeadlinePlace::First {
        lay_out_headlines(page, &mut gap, article);
    }
    if let Some(byline) = &article.byline {
        let indent = if rng.chance(30) { " " } else { "" };
        page.unwrapped(gap, UnitKind::Byline, byline, indent);
        gap = Gap::BetweenUnits;
    }
    for paragraph in &article.paragraphs {
        page.paragraph(gap, paragraph, style.width);
        gap = Gap::BetweenUnits;
    }
    if style.headlines == HeadlinePlace::Last {
        lay_out_headlines(page, &mut gap, article);
    }
}

/// Headlines are set across columns, so they are never wrapped.
fn lay_out_headlines(page: &mut PageBuilder, gap: &mut Gap, article: &Article) {
    for (i, headline) in article.headlines.iter().enumerate() {
        let this_gap = if i == 0 { *gap } else { Gap::BetweenHeadlines };
        page.unwrapped(this_gap, UnitKind::Headline, headline, "");
        *gap = Gap::BetweenUnits;
    }
}

// ---------------------------------------------------------------------------
// Line breaking

/// Print sets these in half a character's width.
const COMPRESSED_PUNCTUATION: &str = "，。、；：？！“”‘’（）《》—…";
/// Kinsoku: closing marks (and a unit sign) never start a line.
const NO_LINE_START: &str = "，。、；：？！”’）》…℃";
/// Kinsoku: opening marks never end a line.
const NO_LINE_END: &str = "“‘（《";

/// Widths are counted in half units so that they stay integers.
fn half_units(c: char) -> u32 {
    if c.is_ascii() || COMPRESSED_PUNCTUATION.contains(c) {
        1
    } else {
        2
    }
}

/// The lines of one paragraph in a column `width` units wide. The first line
/// is two units shorter: its indent is not extracted.
fn wrap_paragraph(text: &str, width: u32) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut capacity = (width - 2) * 2;
    while start < chars.len() {
        let end = line_end(&chars, start, capacity);
        lines.push(chars[start..end].iter().collect());
        start = end;
        capacity = width * 2;
    }
    lines
}

fn line_end(chars: &[char], start: usize, capacity: u32) -> usize {
    let fitting = chars_fitting(chars, start, capacity);
    if fitting == chars.len() {
        return fitting;
    }
    if NO_LINE_START.contains(chars[fitting]) {
        // A closing mark squeezes onto the full line rather than start the next.
        return next_break(chars, fitting);
    }
    (start + 1..=fitting)
        .rev()
        .find(|&i| can_break_before(chars, i))
        .unwrap_or_else(|| next_break(chars, fitting))
}

/// End of the longest run from `start` within `capacity`, at least one char.
fn chars_fitting(chars: &[char], start: usize, capacity: u32) -> usize {
    let mut used = 0;
    let mut end = start;
    while end < chars.len() && used + half_units(chars[end]) <= capacity {
        used += half_units(chars[end]);
        end += 1;
    }
    end.max(start + 1)
}

fn next_break(chars: &[char], from: usize) -> usize {
    (from..=chars.len())
        .find(|&i| can_break_before(chars, i))
        .unwrap_or(chars.len())
}

fn can_break_before(chars: &[char], i: usize) -> bool {
    if i == 0 || i >= chars.len() {
        return true;
    }
    let (before, after) = (chars[i - 1], chars[i]);
    let splits_latin_run = before.is_ascii_graphic() && after.is_ascii_graphic();
    let splits_doubled_dash = before == '—' && after == '—';
    // A space at a line edge would vanish in extraction and change the text.
    let touches_space = before.is_whitespace() || after.is_whitespace();
    !(NO_LINE_START.contains(after)
        || NO_LINE_END.contains(before)
        || splits_latin_run
        || splits_doubled_dash
        || touches_space)
}

// ---------------------------------------------------------------------------
// Running the fix

fn run_fix(page: &str, rules: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["fix", "--stdout", "--select", rules])
        .args(["--stdin-filename", "page.txt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start copydesk");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = page.to_string();
    // Written from another thread so that a large page cannot fill both pipes.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("wait for copydesk");
    writer
        .join()
        .expect("stdin writer thread")
        .expect("write page to copydesk");
    assert!(
        output.status.success(),
        "copydesk fix exited with {}\nstderr:\n{}\npage:\n{page}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("copydesk writes UTF-8")
}

// ---------------------------------------------------------------------------
// Measuring

#[derive(Default)]
struct Tally {
    pages: usize,
    /// (restored, total) per kind of unit.
    by_kind: BTreeMap<UnitKind, (usize, usize)>,
    /// (restored, total) per column width.
    by_width: BTreeMap<u32, (usize, usize)>,
    failures: Vec<Failure>,
}

struct Failure {
    seed: u64,
    style: PageStyle,
    kind: UnitKind,
    expected: String,
    got: Vec<String>,
}

impl Tally {
    fn record(&mut self, page: &Page, output: &str) {
        assert_same_characters(page, output);
        self.pages += 1;
        let output_lines: HashSet<&str> = output.lines().map(str::trim).collect();
        let line_spans = non_whitespace_spans(output.lines());
        let unit_spans = non_whitespace_spans(page.units.iter().map(|u| u.text.as_str()));
        for (unit, span) in page.units.iter().zip(unit_spans) {
            let restored = output_lines.contains(unit.text.as_str());
            count(self.by_kind.entry(unit.kind).or_default(), restored);
            count(self.by_width.entry(page.style.width).or_default(), restored);
            if !restored {
                self.failures.push(Failure {
                    seed: page.seed,
                    style: page.style,
                    kind: unit.kind,
                    expected: unit.text.clone(),
                    got: lines_overlapping(output, &line_spans, &span),
                });
            }
        }
    }

    fn totals(&self) -> (usize, usize) {
        self.by_kind
            .values()
            .fold((0, 0), |(r, t), (restored, total)| {
                (r + restored, t + total)
            })
    }

    fn share(&self) -> f64 {
        let (restored, total) = self.totals();
        restored as f64 / total.max(1) as f64
    }

    fn print(&self, source: &str) {
        let (restored, total) = self.totals();
        println!(
            "broken-wrap accuracy ({source}): {restored}/{total} units restored exactly = {:.1}% on {} pages",
            self.share() * 100.0,
            self.pages
        );
        for (kind, &(restored, total)) in &self.by_kind {
            println!("  {kind:?}: {restored}/{total}");
        }
        println!("  by column width (failed/total):");
        for (width, &(restored, total)) in &self.by_width {
            println!("    W={width:2}: {:3}/{total}", total - restored);
        }
        println!("first failures ({} in all):", self.failures.len());
        for failure in self.failures.iter().take(failures_shown()) {
            println!(
                "  page seed {} ({}), {:?}\n    expected: {}",
                failure.seed, failure.style, failure.kind, failure.expected
            );
            for line in failure.got.iter().take(GOT_LINES_SHOWN) {
                println!("    got:      {line}");
            }
            if failure.got.len() > GOT_LINES_SHOWN {
                println!(
                    "    got:      … {} more lines",
                    failure.got.len() - GOT_LINES_SHOWN
                );
            }
        }
    }
}

fn count(entry: &mut (usize, usize), restored: bool) {
    entry.0 += usize::from(restored);
    entry.1 += 1;
}

fn non_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_same_characters(page: &Page, output: &str) {
    let before: Vec<char> = non_whitespace(&page.text).chars().collect();
    let after: Vec<char> = non_whitespace(output).chars().collect();
    if before == after {
        return;
    }
    let at = before
        .iter()
        .zip(&after)
        .position(|(a, b)| a != b)
        .unwrap_or(before.len().min(after.len()));
    let context =
        |chars: &[char]| -> String { chars[at.saturating_sub(10)..].iter().take(30).collect() };
    panic!(
        "page seed {} ({}): the fix changed non-whitespace characters at {at} \
         ({} before, {} after)\n  input:  …{}\n  output: …{}\npage:\n{}\noutput:\n{output}",
        page.seed,
        page.style,
        before.len(),
        after.len(),
        context(&before),
        context(&after),
        page.text
    );
}

/// Where each piece of text lies in the non-whitespace characters of all of them.
fn non_whitespace_spans<'a>(pieces: impl Iterator<Item = &'a str>) -> Vec<Range<usize>> {
    let mut offset = 0;
    pieces
        .map(|piece| {
            let start = offset;
            offset += piece.chars().filter(|c| !c.is_whitespace()).count();
            start..offset
        })
        .collect()
}

fn lines_overlapping(
    output: &str,
    line_spans: &[Range<usize>],
    span: &Range<usize>,
) -> Vec<String> {
    output
        .lines()
        .zip(line_spans)
        .filter(|(_, line)| line.start < span.end && span.start < line.end)
        .map(|(text, _)| text.to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// Deterministic randomness without a dependency

struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        // Spread small seeds over the bits; the state must never be zero.
        XorShift(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn between(&mut self, low: u32, high: u32) -> u32 {
        low + self.below(u64::from(high - low + 1)) as u32
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

// ---------------------------------------------------------------------------
// The generator itself

#[test]
fn generator_keeps_kinsoku_and_widths() {
    let text = "会议要求，改造前要充分听取居民意见，做到“改不改、改什么、怎么改”由群众说了算。";
    for width in 12..=26 {
        let lines = wrap_paragraph(text, width);
        assert_eq!(lines.concat(), text);
        for (i, line) in lines.iter().enumerate() {
            let first = line.chars().next().unwrap();
            let last = line.chars().last().unwrap();
            assert!(!NO_LINE_START.contains(first), "W={width}: {line}");
            assert!(!NO_LINE_END.contains(last), "W={width}: {line}");
            let capacity = if i == 0 { width - 2 } else { width };
            let used: u32 = line.chars().map(half_units).sum();
            // One closing mark or a run of them may overhang the column.
            assert!(
                used <= capacity * 2 + 4,
                "W={width}: {line} uses {used} half units"
            );
        }
    }
}

#[test]
fn generator_keeps_every_character_of_the_articles() {
    let articles = parse_articles(ARTICLES);
    let paragraphs: usize = articles.iter().map(|a| a.paragraphs.len()).sum();
    assert!(
        paragraphs >= 45,
        "only {paragraphs} paragraphs in the fixture"
    );
    for seed in 1..=PAGES {
        let mut rng = XorShift::new(seed);
        let first = (seed as usize) % articles.len();
        let chosen = choose_articles(&articles, first, &mut rng);
        let page = lay_out_page(seed, &chosen, &mut rng);
        let units: String = page.units.iter().map(|u| non_whitespace(&u.text)).collect();
        assert_eq!(non_whitespace(&page.text), units, "page seed {seed}");
    }
}
