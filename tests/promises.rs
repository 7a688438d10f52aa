//! The promises of DESIGN.md, checked on generated text: the safe fixes lose
//! nothing but whitespace and the form of marks, fixing twice is fixing
//! once, and checking a document again after edits (reusing what the edits
//! did not touch, as the server does) gives what checking it afresh gives.

use copydesk::fix::fix_text;
use copydesk::{Language, RuleSettings, Source};
use proptest::prelude::*;

/// Pieces of news copy, right and wrong, that the rules react to.
const PIECES: &[&str] = &[
    "会议",
    "指出",
    "金政",
    "张群环",
    "蒋震",
    "雷",
    "复工复产",
    "的",
    "的的",
    "了",
    "在在",
    "实实在在",
    "研究所所长",
    "，",
    "。",
    "、",
    "；",
    "：",
    "？",
    "！",
    "，，",
    "。。",
    "，。",
    "。。。",
    ",",
    ".",
    ";",
    ":",
    "?",
    "!",
    "(",
    ")",
    "（",
    "）",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "《",
    "》",
    "...",
    "…",
    "……",
    "--",
    "－－",
    "——",
    "二○○一年",
    "二零二四年",
    "１２３",
    "ＧＤＰ",
    "5G",
    "21日",
    "3.5%",
    "1,000",
    "Hello, world.",
    " ",
    "  ",
    "\u{3000}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "□",
    "■",
    "〓",
    "\u{fffd}",
    "𠮷",
    "本报讯 ",
    "□记者 李娜 通讯员 张伟\n",
    "精密智控打好两战 夺取下半场新胜利\n",
    "新冠肺炎疫情防控工作领导小组举行扩大会议，",
    "学习贯彻总书记关于疫情防控",
];

const MARKDOWN_PIECES: &[&str] = &[
    "# ",
    "## ",
    "- ",
    "> ",
    "`code,...`",
    "```\n的的,\n```\n",
    "[链接](http://a.b/c,d)",
    "<!-- 注释 -->",
    "**",
    "_",
    "\\*",
    "&amp;",
    "---\ntitle: a,b\n---\n",
    "| 甲 | 乙 |\n|---|---|\n",
];

const HTML_PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<p class=\"a,b\">",
    "<strong>",
    "</strong>",
    "<br>",
    "<h2>",
    "</h2>",
    "&nbsp;",
    "&ldquo;",
    "&rdquo;",
    "&amp;",
    "<!-- 注 , 释 -->",
    "<script>var a = \"的的,\";</script>",
    "<img alt=\"图 片\" src=\"a.png\">",
];

/// The markup of an HTML text: its tags and comments, in order.
fn markup(text: &str) -> Vec<&str> {
    let mut tags = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        tags.push(&rest[open..open + close + 1]);
        rest = &rest[open + close + 1..];
    }
    tags
}

fn article(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..60).prop_map(|p| p.concat())
}

fn markdown_article() -> impl Strategy<Value = String> {
    let all: Vec<&'static str> = PIECES.iter().chain(MARKDOWN_PIECES).copied().collect();
    prop::collection::vec(prop::sample::select(all), 0..60).prop_map(|p| p.concat())
}

/// A wrapped page: prose cut into lines of a column width, with or without
/// blank lines between them.
fn wrapped_page() -> impl Strategy<Value = String> {
    (article(PIECES), 8usize..30, any::<bool>()).prop_map(|(text, width, blank)| {
        let chars: Vec<char> = text.chars().filter(|c| *c != '\n' && *c != '\r').collect();
        let separator = if blank { "\n\n" } else { "\n" };
        chars
            .chunks(width)
            .map(|line| line.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(separator)
    })
}

/// What the promise keeps: the characters that are neither whitespace nor
/// punctuation, with full-width letters and digits in their half-width form.
fn content(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_whitespace() && c != '\u{feff}')
        .filter(|&c| !c.is_ascii_punctuation() && !is_mark(c))
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap()
            }
            c => c,
        })
        .collect()
}

fn is_mark(c: char) -> bool {
    copydesk::chars::is_cjk_punct(c) || matches!(c, '○' | '〇' | '－' | '．')
}

fn check_promises(text: &str, language: Language) -> Result<(), TestCaseError> {
    let settings = RuleSettings::default();
    let once = fix_text(text, language, &settings);
    prop_assert_eq!(content(&once), content(text), "fix lost or changed content");
    let twice = fix_text(&once, language, &settings);
    prop_assert_eq!(&twice, &once, "fixing again changed the text");
    // Every finding lies inside the text, on character boundaries.
    let source = Source::new(once.clone(), language);
    for finding in copydesk::check(&source, &settings) {
        prop_assert!(finding.range.end <= once.len());
        prop_assert!(once.is_char_boundary(finding.range.start));
        prop_assert!(once.is_char_boundary(finding.range.end));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn plain_text_fix_keeps_content_and_is_idempotent(text in article(PIECES)) {
        check_promises(&text, Language::PlainText)?;
    }

    #[test]
    fn wrapped_page_fix_keeps_content_and_is_idempotent(text in wrapped_page()) {
        check_promises(&text, Language::PlainText)?;
    }

    #[test]
    fn markdown_fix_keeps_content_and_is_idempotent(text in markdown_article()) {
        check_promises(&text, Language::Markdown)?;
    }

    #[test]
    fn html_fix_keeps_content_and_never_touches_markup(
        text in prop::collection::vec(
            prop::sample::select(PIECES.iter().chain(HTML_PIECES).copied().collect::<Vec<_>>()),
            0..60,
        ).prop_map(|p| p.concat())
    ) {
        check_promises(&text, Language::Html)?;
        let fixed = fix_text(&text, Language::Html, &RuleSettings::default());
        prop_assert_eq!(markup(&fixed), markup(&text), "a fix touched markup");
    }

    #[test]
    fn safe_edits_only_touch_whitespace_and_marks(text in article(PIECES)) {
        let source = Source::new(text.clone(), Language::PlainText);
        for finding in copydesk::check(&source, &RuleSettings::default()) {
            for edit in finding.safe_edits() {
                let before = &text[edit.range.clone()];
                prop_assert_eq!(content(before), content(&edit.new_text),
                    "{} rewrote {:?} as {:?}", finding.rule, before, edit.new_text);
            }
        }
    }
}

/// Prose full of numbers, with no whitespace of its own, cut into the lines
/// of a column: print breaks numbers anywhere.
fn wrapped_numbers() -> impl Strategy<Value = String> {
    const NUMBERS: &[&str] = &[
        "1900年",
        "55.6亿元",
        "1000多平方米",
        "增长12.5%",
        "2023",
        "A320",
        "5G",
        "1,000",
        "约60名",
        "第600架",
        "COVID-19",
        "New York",
        "，",
        "。",
        "会议指出",
        "全市上下",
    ];
    (article(NUMBERS), 8usize..30, any::<bool>()).prop_map(|(text, width, blank)| {
        let chars: Vec<char> = text.chars().collect();
        let separator = if blank { "\n\n" } else { "\n" };
        chars
            .chunks(width)
            .map(|line| line.iter().collect::<String>().trim().to_owned())
            .collect::<Vec<_>>()
            .join(separator)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn joining_a_wrap_never_puts_a_space_inside_a_number(text in wrapped_numbers()) {
        let mut settings = RuleSettings::default();
        settings.select_only(&["broken-wrap".to_owned()]).unwrap();
        let fixed = fix_text(&text, Language::PlainText, &settings);
        let chars: Vec<char> = fixed.chars().collect();
        for (i, window) in chars.windows(3).enumerate() {
            let [a, space, b] = [window[0], window[1], window[2]];
            if space != ' ' {
                continue;
            }
            let in_number = |c: char| c.is_ascii_digit() || matches!(c, '.' | '%');
            let inside = (a.is_ascii_digit() && in_number(b)) || (in_number(a) && b.is_ascii_digit());
            // Spaces of the text itself (`New York`) are not the join's.
            let original_has_it = text.contains(&chars[i..i + 3].iter().collect::<String>());
            prop_assert!(!inside || original_has_it, "a space inside a number: {:?}", fixed);
        }
    }
}

/// An edit: where (a fraction of the text), how many characters to delete,
/// and what to insert.
fn edits(pieces: &'static [&'static str]) -> impl Strategy<Value = Vec<(f64, usize, String)>> {
    let edit = (
        0.0..=1.0f64,
        0usize..12,
        article(pieces).prop_map(|t| t.chars().take(20).collect()),
    );
    prop::collection::vec(edit, 1..6)
}

fn apply(text: &str, (at, delete, insert): &(f64, usize, String)) -> String {
    let chars: Vec<char> = text.chars().collect();
    let start = ((chars.len() as f64) * at) as usize;
    let end = (start + delete).min(chars.len());
    let mut edited: String = chars[..start].iter().collect();
    edited.push_str(insert);
    edited.extend(&chars[end..]);
    edited
}

/// Checks each version of a document reusing the check of the version
/// before it, and compares every result with a check from scratch.
fn check_edits(
    text: &str,
    edits: &[(f64, usize, String)],
    language: Language,
) -> Result<(), TestCaseError> {
    use copydesk::incremental::Checked;
    let register = copydesk::Register::parse(
        "[[people]]\nname = \"胡积合\"\ntitles = [\"市委副书记\"]\n[[terms]]\nprefer = \"复工复产\"\navoid = [\"复产复工\"]\n",
    );
    let known = copydesk::EditionNames::known(["李娜".to_owned()].into());
    let settings = RuleSettings::default();
    let check = |text: &str, earlier: Option<&Checked>| {
        Checked::check(
            "a.txt".into(),
            Source::new(text, language),
            &register,
            &known,
            &settings,
            earlier,
        )
    };
    let findings = |checked: &Checked| {
        copydesk::finish(
            checked.form_findings().to_vec(),
            &checked.article.source,
            &register,
        )
    };
    let mut text = text.to_owned();
    let mut earlier = check(&text, None);
    for edit in edits {
        text = apply(&text, edit);
        let again = check(&text, Some(&earlier));
        let afresh = check(&text, None);
        prop_assert_eq!(
            findings(&again),
            findings(&afresh),
            "form findings differ after editing to {:?}",
            text
        );
        prop_assert_eq!(
            &again.article.facts,
            &afresh.article.facts,
            "facts differ after editing to {:?}",
            text
        );
        let layout = |checked: &Checked| -> Vec<_> {
            checked
                .article
                .blocks
                .iter()
                .map(|b| {
                    (
                        b.kind,
                        b.text.clone(),
                        b.full_source_range(),
                        b.wraps.clone(),
                        b.wrap_joins.clone(),
                    )
                })
                .collect()
        };
        prop_assert_eq!(
            layout(&again),
            layout(&afresh),
            "blocks differ after editing to {:?}",
            text
        );
        earlier = again;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn plain_text_rechecked_after_edits_equals_checked_afresh(text in article(PIECES), edits in edits(PIECES)) {
        check_edits(&text, &edits, Language::PlainText)?;
    }

    #[test]
    fn wrapped_page_rechecked_after_edits_equals_checked_afresh(text in wrapped_page(), edits in edits(PIECES)) {
        check_edits(&text, &edits, Language::PlainText)?;
    }

    #[test]
    fn markdown_rechecked_after_edits_equals_checked_afresh(text in markdown_article(), edits in edits(MARKDOWN_PIECES)) {
        check_edits(&text, &edits, Language::Markdown)?;
    }
}
