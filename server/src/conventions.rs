//! News-copy conventions that look like errors to a generic linter: bylines
//! (`□首席记者 陈晓苏`), datelines (`本报讯 21日，`), the reporter credit
//! inside a dateline (`（记者 王明）`), and headline-like text, whose spaces
//! separate its parts (`神舟十九号发射在即 各系统准备就绪`).

use crate::blocks::{Block, BlockKind};
use crate::chars::{is_blank, is_han};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const ROLES: &str = r"(?:首席记者|特约记者|见习记者|本报记者|实习记者|记者|通讯员|实习生|摄影记者|摄影|摄|编辑|撰文|文/图|文／图|图/文|图／文|文|图)";

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    let credit = format!(r"{ROLES}[ \t\u{{3000}}]*[\p{{Han}}·]{{2,5}}");
    Regex::new(&format!(
        r"^[ \t\u{{3000}}]*[□■◎●]?[ \t\u{{3000}}]*(?:本报|新华社|中新社)?(?:{credit})(?:[ \t\u{{3000}}、，]+(?:{credit}|[\p{{Han}}·]{{2,5}}))*[ \t\u{{3000}}]*$"
    ))
    .expect("byline pattern")
});

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:本报讯|本报[\p{Han}\d]{0,12}?电|(?:新华社|中新社|中新网|人民网|央视网|新华网|光明网)[\p{Han}\d]{0,12}?电|(?:央视网|新华网|人民网|中新网|光明网|国际在线|本台)消息)(?:[（(][^）)]{0,30}[）)])?",
    )
    .expect("dateline pattern")
});

static REPORTER_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{ROLES}[ \t\u{{3000}}]+[\p{{Han}}·]{{2,5}}(?:[ \t\u{{3000}}]+(?:{ROLES}[ \t\u{{3000}}]+)?[\p{{Han}}·]{{2,5}})*"
    ))
    .expect("credit pattern")
});

/// The length in bytes of the marker that opens a list or summary item:
/// `4.`, `12、`, `（2）`, `(2)`, `一、`, `（一）`, `①`.
pub fn item_marker_len(text: &str) -> Option<usize> {
    static MARKER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:\d{1,2}[.．、](?:\D|$)|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]|[一二三四五六七八九十]{1,3}、|[①-⑳])",
        )
        .expect("item marker pattern")
    });
    let found = MARKER.find(text)?;
    // `4.神舟` matched the character after the dot to tell it from `4.5亿`.
    let marker = found.as_str();
    let len = if marker.starts_with(|c: char| c.is_ascii_digit())
        && !marker.ends_with(['.', '．', '、'])
    {
        marker.len() - marker.chars().next_back().map_or(0, char::len_utf8)
    } else {
        marker.len()
    };
    Some(len)
}

/// Clause punctuation: running prose has it, a headline does not.
fn is_clause_mark(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '！' | '？' | ',' | ';')
}

/// What may end a headline quoted in a summary (`4.神舟十九号发射在即 各系统准备就绪；`).
fn is_closing_of_item(c: char) -> bool {
    matches!(
        c,
        '；' | '。' | '：' | '！' | '？' | ';' | ':' | '”' | '）' | '】'
    ) || is_blank(c)
}

/// Headline-like text on its own: a list or summary item quoting a
/// headline (`（2）俄称控制更多区域 乌称挫败俄行动；`), or a short line of its
/// own without clause punctuation (a subheadline, a bold lead-in). A space
/// between two Chinese characters in it separates the headline's parts.
pub fn is_headline_like(text: &str) -> bool {
    let text = without_closing_note(text.trim_matches(is_blank));
    let marker = item_marker_len(text);
    let body = text[marker.unwrap_or(0)..].trim_end_matches(is_closing_of_item);
    if body.is_empty() || !body.chars().any(is_han) {
        return false;
    }
    let (commas, other_marks) = clause_marks_outside_quotes(body);
    // A summary may quote a two-part headline with a comma in it
    // (`4.志同道合携手行，命运与共创未来 习近平…；`); a list item of prose
    // ends its sentence.
    let commas_allowed = if marker.is_some() && !text.ends_with('。') {
        2
    } else {
        0
    };
    if other_marks > 0 || commas > commas_allowed {
        return false;
    }
    let width = body.chars().count();
    match marker {
        Some(_) => width <= 150,
        // Without a comma yet closed as a list's item is (`…被问责 湖南严肃
        // 查处…；`, an item whose number reads as a decimal: `9.4名…`).
        None if text.ends_with(['；', ';']) => width <= 150,
        // A line ending a sentence is a headline only when short: a
        // sentence of prose without a comma is rarely.
        None if text.ends_with(['。', '！', '？']) => width <= 30,
        // Prose without a single comma runs out long before this.
        None => width <= 60,
    }
}

/// The text without a note in brackets closing it after a blank (a
/// program's credit: `…搅动局势。 （《新闻联播》 20221025 19:00）`).
fn without_closing_note(text: &str) -> &str {
    let Some(rest) = text.strip_suffix('）') else {
        return text;
    };
    match rest.rfind('（') {
        Some(open) if text[..open].ends_with(is_blank) => text[..open].trim_end_matches(is_blank),
        _ => text,
    }
}

/// How many commas and other clause marks stand outside quotations and
/// titles: a headline may quote a sentence
/// (`就“加强生态环境保护，推进美丽中国建设”进行大会发言`).
fn clause_marks_outside_quotes(text: &str) -> (usize, usize) {
    let (mut depth, mut commas, mut others) = (0usize, 0, 0);
    for c in text.chars() {
        match c {
            '“' | '《' => depth += 1,
            '”' | '》' => depth = depth.saturating_sub(1),
            '，' | ',' if depth == 0 => commas += 1,
            c if depth == 0 && is_clause_mark(c) => others += 1,
            _ => {}
        }
    }
    (commas, others)
}

/// A list set with blanks between its items (`副书记　刘金国　张升民　肖培`,
/// `书　记　李希`): the blanks separate items.
pub fn is_spaced_list(text: &str) -> bool {
    let is_name = |item: &str| {
        let name = item.split(['（', '(']).next().unwrap_or(item);
        // Names of minorities run longer, with their dots
        // (`艾尔肯·吐尼亚孜`).
        let longest = if name.contains('·') { 16 } else { 6 };
        (1..=longest).contains(&name.chars().count()) && name.chars().all(|c| is_han(c) || c == '·')
    };
    let mut items = 0;
    for item in text.split(is_blank).filter(|item| !item.is_empty()) {
        if !is_name(item) {
            return false;
        }
        items += 1;
    }
    items >= 3
}

/// Whether the blanks of a block separate parts, as in a headline, a byline
/// or a list set with spaces, rather than stand in running prose.
pub fn separates_parts(block: &Block) -> bool {
    block.kind != BlockKind::Paragraph
        || is_headline_like(&block.text)
        || is_spaced_list(&block.text)
}

/// Headline-like spans inside running prose: `【…】` column tags, titles in
/// `《…》`, and quoted names and slogans without clause punctuation
/// (`“学思想 强党性 重实践 建新功”`). Their spaces separate parts.
pub fn headline_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for (open, close) in [('【', '】'), ('《', '》'), ('“', '”')] {
        let mut from = 0;
        while let Some(start) = text[from..].find(open).map(|i| from + i) {
            let inner_start = start + open.len_utf8();
            let Some(inner_len) = text[inner_start..].find([close, open]) else {
                break;
            };
            let inner = &text[inner_start..inner_start + inner_len];
            let closed = text[inner_start + inner_len..].starts_with(close);
            // Titles of works are quoted as they are; a column tag or a
            // quotation is a headline when it reads like one.
            let headline = match open {
                '《' => true,
                '【' => !inner.contains(is_clause_mark),
                _ => !inner.contains(is_clause_mark) && inner.chars().count() <= 40,
            };
            if closed && headline {
                spans.push(inner_start..inner_start + inner_len);
            }
            from = inner_start + inner_len;
        }
    }
    spans
}

/// A line that credits the reporters: `□首席记者 陈晓苏`, `本报记者 王明 李华`.
pub fn is_byline(line: &str) -> bool {
    // Every role word has one of these characters; most lines have none.
    line.len() <= 160
        && line.contains(['记', '通', '摄', '编', '文', '图'])
        && BYLINE.is_match(line)
}

/// The length in bytes of the dateline that opens a paragraph (`本报讯`,
/// `新华社北京3月5日电（记者 王明）`), if any.
pub fn dateline_len(paragraph: &str) -> Option<usize> {
    // Every dateline opens with one of these; most paragraphs do not.
    if !paragraph.starts_with(['本', '新', '中', '人', '央', '光', '国']) {
        return None;
    }
    DATELINE.find(paragraph).map(|m| m.end())
}

/// Byte ranges of reporter credits (`记者 王明 通讯员 张伟`) in a text, whose
/// spaces are conventional.
pub fn reporter_credits(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    REPORTER_CREDIT.find_iter(text).map(|m| m.range())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert!(is_byline(" □首席记者 陈晓苏"));
        assert!(is_byline("□记者 李娜 通讯员 张伟"));
        assert!(is_byline("本报记者 王明 李华"));
        assert!(!is_byline("会议以视频形式召开，我市领导"));
        assert!(!is_byline("永康在会上作交流发言"));
    }

    #[test]
    fn item_markers() {
        assert_eq!(item_marker_len("4.神舟十九号发射在即"), Some(2));
        assert_eq!(item_marker_len("12、各地"), Some("12、".len()));
        assert_eq!(item_marker_len("（2）俄称"), Some("（2）".len()));
        assert_eq!(item_marker_len("（一）担任"), Some("（一）".len()));
        assert_eq!(item_marker_len("①第一"), Some("①".len()));
        assert_eq!(item_marker_len("4.5亿元"), None);
        assert_eq!(item_marker_len("2023年"), None);
    }

    #[test]
    fn headline_like_text() {
        for headline in [
            "4.神舟十九号发射在即 各系统准备就绪；",
            "（2）俄称控制更多区域 乌称挫败俄行动；",
            "1.【新思想引领新征程】高擎伟大旗帜 凝聚团结奋进力量；",
            "12.俄称在多地打击乌军阵地等目标 乌称在东线部分地区击退俄进攻：",
            "美国上周末枪击频发 多名青少年受害",
            "伊拉克 叙利亚 伊朗三国外长呼吁加强合作",
            "繁花似锦 春满神州。",
            "11.【江河奔腾看中国】塔里木河 万泉河流域。 （《新闻联播》 20221006 19:00）",
            "8.政协委员就“加强生态环境保护，推进美丽中国建设”进行大会发言 王沪宁出席；",
            "4.志同道合携手行，命运与共创未来 习近平总书记、国家主席对越南国事访问取得圆满成功；",
        ] {
            assert!(is_headline_like(headline), "{headline}");
        }
        for prose in [
            "会上，大家表示要提升全民安全 意识和应急避险能力，筑牢防线。",
            "3.要坚持问题导向，推动工作落实。",
            "全市上下正在一手抓疫情防控、一手抓复工复产，确保经济社会发展目标任务完成。",
        ] {
            assert!(!is_headline_like(prose), "{prose}");
        }
        assert!(is_spaced_list(
            "副书记\u{3000}刘金国\u{3000}张升民\u{3000}喻红秋（女）"
        ));
        assert!(is_spaced_list("书\u{3000}记\u{3000}李希"));
        assert!(!is_spaced_list("提升全民安全 意识和应急避险能力"));
    }

    #[test]
    fn headline_spans_in_prose() {
        let text = "开展“学思想 强党性 重实践 建新功”活动，他说：“我们要 加油，干好。”";
        let spans: Vec<&str> = headline_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(spans, ["学思想 强党性 重实践 建新功"]);
    }

    #[test]
    fn datelines() {
        assert_eq!(dateline_len("本报讯 21日，"), Some("本报讯".len()));
        let text = "新华社北京3月5日电（记者 王明）今天";
        assert_eq!(dateline_len(text), Some(text.len() - "今天".len()));
        assert_eq!(dateline_len("会议指出"), None);
        let text = "央视网消息（新闻联播）：长江是";
        assert_eq!(dateline_len(text), Some(text.len() - "：长江是".len()));
    }
}
