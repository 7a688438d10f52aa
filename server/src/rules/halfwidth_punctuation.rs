use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::blocks::Block;
use crate::chars::{is_blank, is_chinese};
use crate::finding::{Edit, Fix};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

declare_rule! {
    /// # halfwidth-punctuation
    ///
    /// 中文行文里用了半角（英文）标点。
    ///
    /// 按 GB/T 15834-2011《标点符号用法》，中文文本使用全角标点。从英文输入法、
    /// 网页或外电稿复制来的文字常夹着半角的 `, . ; : ? ! ( )` 和直引号 `"…"`，
    /// 印出来挤在一起，也容易被排版系统当成西文处理。
    ///
    /// 只查紧挨中文的标点：数字里的 `1,000`、`3.5`、`12:30`，网址、邮箱和整句英文不查。
    ///
    /// 修复（安全）：换成对应的全角标点，并去掉半角标点后多余的空格。
    ///
    /// ```text
    /// 错：会议指出,近期省领导密集来金调研.
    /// 对：会议指出，近期省领导密集来金调研。
    /// 错：世界卫生组织(WHO)表示"疫情仍在持续"
    /// 对：世界卫生组织（WHO）表示“疫情仍在持续”
    /// ```
    HalfwidthPunctuation { id: "halfwidth-punctuation", severity: Warning, family: Form }
}

static URL_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[\x21-\x7e]+|[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
        .expect("url pattern")
});

impl Rule for HalfwidthPunctuation {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks {
            if block.text.is_ascii() {
                continue;
            }
            let text = &block.text;
            // Most paragraphs of Chinese hold none of the marks looked at here.
            let may_hold_marks = text.bytes().any(|b| {
                matches!(
                    b,
                    b',' | b'.' | b';' | b':' | b'?' | b'!' | b'(' | b')' | b'"'
                )
            });
            if !may_hold_marks {
                continue;
            }
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let skipped: Vec<Range<usize>> =
                if text.contains("://") || text.contains("www.") || text.contains('@') {
                    URL_OR_EMAIL.find_iter(text).map(|m| m.range()).collect()
                } else {
                    Vec::new()
                };
            let in_skipped = |offset: usize| skipped.iter().any(|r| r.contains(&offset));
            let mut marks: Vec<(usize, char)> = Vec::new();
            for (index, &(offset, c)) in chars.iter().enumerate() {
                if !matches!(c, ',' | '.' | ';' | ':' | '?' | '!') || in_skipped(offset) {
                    continue;
                }
                let before = chars[..index].last().map(|&(_, c)| c);
                let after = chars.get(index + 1).map(|&(_, c)| c);
                // A `?` for a character lost in conversion is missing-glyph's:
                // a full-width question mark would hide the loss.
                let lost =
                    c == '?' && super::missing_glyph::is_lost_character(&text[..offset], after);
                let context = Context {
                    before,
                    after,
                    before_run: before_run(&chars, index),
                    after_run: after_run_and_blanks(&chars, index),
                };
                if !lost && is_sentence_mark_in_chinese(c, context) {
                    marks.push((index, c));
                }
            }
            for (index, c) in marks {
                report_mark(findings, block, &chars, index, c, true);
            }
            check_brackets(findings, block, &chars);
            check_quotes(findings, block, &chars, '"', '“', '”');
        }
    }
}

/// A run of marks (`;;,姐`, `；)):;)`, `“;.;”`) is Chinese punctuation as a
/// whole: each mark of it is judged by what stands beyond the run, never by
/// a neighbour that this rule turns (or has turned) full-width, so the
/// judgement does not change as the run is fixed and one round of fixes turns
/// all of it.
fn is_run_mark(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | '('
            | ')'
            | '"'
            | '，'
            | '。'
            | '；'
            | '：'
            | '？'
            | '！'
            | '（'
            | '）'
            | '“'
            | '”'
    )
}

/// What stands before the run of marks that holds `chars[index]`.
fn before_run(chars: &[(usize, char)], index: usize) -> Option<char> {
    chars[..index]
        .iter()
        .rev()
        .map(|&(_, c)| c)
        .find(|&c| !is_run_mark(c))
}

/// What stands after the run of marks that holds `chars[index]`.
fn after_run(chars: &[(usize, char)], index: usize) -> Option<char> {
    chars[index + 1..]
        .iter()
        .map(|&(_, c)| c)
        .find(|&c| !is_run_mark(c))
}

/// What stands after the run of marks that holds `chars[index]`, past the
/// blanks that Latin typing puts after a mark (the fix drops them).
fn after_run_and_blanks(chars: &[(usize, char)], index: usize) -> Option<char> {
    chars[index + 1..]
        .iter()
        .map(|&(_, c)| c)
        .find(|&c| !is_blank(c) && !is_run_mark(c))
}

/// Whether a stretch holds Chinese other than marks of a run (which this
/// rule may have turned full-width itself).
fn holds_chinese(chars: &[(usize, char)]) -> bool {
    chars.iter().any(|&(_, c)| is_chinese(c) && !is_run_mark(c))
}

/// A mark's neighbours, and what stands beyond its run on either side.
struct Context {
    before: Option<char>,
    after: Option<char>,
    before_run: Option<char>,
    after_run: Option<char>,
}

fn is_sentence_mark_in_chinese(mark: char, context: Context) -> bool {
    let Context {
        before,
        after,
        before_run,
        after_run,
    } = context;
    let chinese_before = before_run.is_some_and(is_chinese);
    let chinese_after = after_run.is_some_and(is_chinese);
    match mark {
        // A full stop only after Chinese, and not inside `...` (ellipsis-dash)
        // or before Latin (`上海.com`).
        '.' => {
            chinese_before
                && after != Some('.')
                && before != Some('.')
                && after.is_none_or(|c| is_blank(c) || is_chinese(c) || is_run_mark(c))
        }
        ':' if after == Some('/') => false,
        _ => {
            (chinese_before || chinese_after)
                && !(before.is_some_and(|c| c.is_ascii_digit())
                    && after.is_some_and(|c| c.is_ascii_digit()))
        }
    }
}

fn full_width(mark: char) -> (char, &'static str) {
    match mark {
        ',' => ('，', "逗号"),
        '.' => ('。', "句号"),
        ';' => ('；', "分号"),
        ':' => ('：', "冒号"),
        '?' => ('？', "问号"),
        '!' => ('！', "叹号"),
        '(' => ('（', "左括号"),
        ')' => ('）', "右括号"),
        _ => (mark, "标点"),
    }
}

/// Reports a half-width mark and offers its full-width form, taking the
/// spaces that followed it in Latin typing along.
fn report_mark(
    findings: &mut Findings<'_>,
    block: &Block,
    chars: &[(usize, char)],
    index: usize,
    mark: char,
    drop_following_blanks: bool,
) {
    let (full, name) = full_width(mark);
    report_replacement(
        findings,
        block,
        chars,
        index,
        full,
        name,
        drop_following_blanks,
    );
}

fn report_replacement(
    findings: &mut Findings<'_>,
    block: &Block,
    chars: &[(usize, char)],
    index: usize,
    full: char,
    name: &str,
    drop_following_blanks: bool,
) {
    let start = chars[index].0;
    let mark_end = start + chars[index].1.len_utf8();
    let mut edit_end = mark_end;
    if drop_following_blanks {
        for &(offset, c) in &chars[index + 1..] {
            if c != ' ' {
                break;
            }
            edit_end = offset + 1;
        }
    }
    let (message, title) = if matches!(full, '“' | '”') {
        (
            format!("此处应为全角{name}"),
            format!("改为全角{name} {full}"),
        )
    } else {
        (
            format!("此处应为全角{name}“{full}”"),
            format!("改为全角{name}“{full}”"),
        )
    };
    findings.at(block, start..mark_end, message).fixes.extend(
        block
            .edit(start..edit_end, full)
            .map(|e: Edit| Fix::safe(title, vec![e])),
    );
}

/// Half-width parentheses around or beside Chinese.
fn check_brackets(findings: &mut Findings<'_>, block: &Block, chars: &[(usize, char)]) {
    let mut open: Vec<usize> = Vec::new();
    for index in 0..chars.len() {
        match chars[index].1 {
            '(' => open.push(index),
            ')' => {
                let Some(start) = open.pop() else {
                    // A run of closing marks (`；)))`) is judged as a whole,
                    // by what stands before it, so that one round of fixes
                    // turns all of it.
                    if before_run(chars, index).is_some_and(is_chinese) {
                        report_mark(findings, block, chars, index, ')', false);
                    }
                    continue;
                };
                let inside_chinese = holds_chinese(&chars[start + 1..index]);
                let around_chinese = before_run(chars, start).is_some_and(is_chinese)
                    || after_run(chars, index).is_some_and(is_chinese);
                if inside_chinese || around_chinese {
                    report_mark(findings, block, chars, start, '(', false);
                    report_mark(findings, block, chars, index, ')', false);
                }
            }
            _ => {}
        }
    }
}

/// Straight quotes, paired in order, around or beside Chinese.
fn check_quotes(
    findings: &mut Findings<'_>,
    block: &Block,
    chars: &[(usize, char)],
    straight: char,
    open: char,
    close: char,
) {
    let positions: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].1 == straight)
        .collect();
    let chinese_before = |i: usize| before_run(chars, i).is_some_and(is_chinese);
    let chinese_after = |i: usize| after_run(chars, i).is_some_and(is_chinese);
    for pair in positions.chunks(2) {
        match *pair {
            [first, second] => {
                let inside = holds_chinese(&chars[first + 1..second]);
                if inside || chinese_before(first) || chinese_after(second) {
                    report_replacement(findings, block, chars, first, open, "前引号", false);
                    report_replacement(findings, block, chars, second, close, "后引号", false);
                }
            }
            [lone] => {
                let opens = chars.get(lone + 1).is_some_and(|&(_, c)| !is_blank(c));
                if chinese_before(lone) || chinese_after(lone) {
                    let (full, name) = if opens {
                        (open, "前引号")
                    } else {
                        (close, "后引号")
                    };
                    report_replacement(findings, block, chars, lone, full, name, false);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::{Language, RuleSettings, Source};

    /// The text after one round of this rule's safe fixes.
    fn fixed_once(text: &str) -> String {
        let mut settings = RuleSettings::default();
        settings
            .select_only(&["halfwidth-punctuation".to_owned()])
            .expect("a rule");
        let source = Source::new(text.to_owned(), Language::PlainText);
        let findings = crate::check(&source, &settings);
        let edits: Vec<_> = findings.iter().flat_map(Finding::safe_edits).collect();
        crate::fix::apply_edits(text, &edits)
    }

    #[test]
    fn a_run_of_marks_is_turned_in_one_round() {
        // Each mark is judged by what stands beyond the run, not by a
        // neighbour turned full-width in the round before.
        for (text, fixed) in [
            ("他说\";.;\"好", "他说“；。；”好"),
            ("会议;;,指出", "会议；；，指出"),
            ("中(;注)", "中（；注）"),
        ] {
            let once = fixed_once(text);
            assert_eq!(once, fixed, "{text}");
            assert_eq!(fixed_once(&once), once, "{text}: a second round changed it");
        }
    }

    #[test]
    fn marks_among_latin_are_left() {
        for text in ["他说：“Hello, world.”", "版本3.5发布", "时间12:30"] {
            assert_eq!(fixed_once(text), text);
        }
    }
}
