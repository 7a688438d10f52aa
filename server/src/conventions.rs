//! News-copy conventions that look like errors to a generic linter: bylines
//! (`□首席记者 陈晓苏`), datelines (`本报讯 21日，`) and the reporter credit
//! inside a dateline (`（记者 王明）`).

use regex::Regex;
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
        r"^(?:本报讯|本报[\p{Han}\d]{0,12}?电|(?:新华社|中新社|中新网|人民网|央视网|新华网|光明网)[\p{Han}\d]{0,12}?电)(?:[（(][^）)]{0,30}[）)])?",
    )
    .expect("dateline pattern")
});

static REPORTER_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{ROLES}[ \t\u{{3000}}]+[\p{{Han}}·]{{2,5}}(?:[ \t\u{{3000}}]+(?:{ROLES}[ \t\u{{3000}}]+)?[\p{{Han}}·]{{2,5}})*"
    ))
    .expect("credit pattern")
});

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
    if !paragraph.starts_with(['本', '新', '中', '人', '央', '光']) {
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
    fn datelines() {
        assert_eq!(dateline_len("本报讯 21日，"), Some("本报讯".len()));
        let text = "新华社北京3月5日电（记者 王明）今天";
        assert_eq!(dateline_len(text), Some(text.len() - "今天".len()));
        assert_eq!(dateline_len("会议指出"), None);
    }
}
