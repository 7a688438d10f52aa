use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::blocks::BlockKind;
use crate::chars::Triggers;
use std::sync::LazyLock;

/// Every character [`describe`] names but the control characters, and the
/// `?` that may stand for one.
static TRIGGERS: LazyLock<Triggers> =
    LazyLock::new(|| Triggers::new(["□", "■", "〓", "\u{FFFD}", "?"]));

/// Whether `text` may hold a control character other than a line break or
/// tab: a byte below space, DEL, or the lead byte of U+0080–U+00FF (C1
/// controls among them). Every byte is looked at, without branching, so the
/// loop is vectorised.
fn may_hold_control(text: &str) -> bool {
    text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |seen, &b| {
            seen | (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0x7F) | (b == 0xC2)
        })
    })
}

declare_rule! {
    /// # missing-glyph
    ///
    /// 正文里出现了 `□`、`■`、`〓`、替换字符 `�`（U+FFFD）或控制字符：多半是排版字体缺这个字。
    ///
    /// 排版系统遇到字库里没有的字（常是人名、地名里的生僻字）会印成方块或 `〓`；
    /// 转码出错会留下 `�`，或把目标字符集里没有的字换成半角问号（`较多的学者?主奴隶制说`，
    /// 问号夹在两个汉字之间，前面不是疑问语气）；从别的系统复制来的文字可能夹着看不见的控制字符。
    /// 缺的字无法从上下文可靠地补出，须查原稿。
    ///
    /// 不算错误的：署名开头的 `□`（`□首席记者 陈晓苏`），段首作标记的 `■`。
    ///
    /// 没有自动修复。
    ///
    /// ```text
    /// 错：市领导张□环出席会议
    /// 对：市领导张群环出席会议（据原稿补字）
    /// ```
    MissingGlyph { id: "missing-glyph", severity: Error, family: Form }
}

fn describe(c: char) -> Option<String> {
    Some(match c {
        '□' | '■' | '〓' => format!("“{c}”处疑缺字：排版字体里可能没有这个字"),
        '\u{FFFD}' => "替换字符“\u{FFFD}”：这里的字在转码时丢失了".to_owned(),
        c if c.is_control() && !matches!(c, '\n' | '\r' | '\t') => {
            format!("控制字符 U+{:04X} 混在正文里", c as u32)
        }
        _ => return None,
    })
}

/// A half-width `?` that stands for a character lost in conversion (a
/// character the target encoding lacked, written `?`): between two Chinese
/// characters, at the end of a clause that asks nothing
/// (`较多的学者?主奴隶制说`, not `办事效率怎样提高?街道…`). `before` is the
/// text before the mark.
pub(super) fn is_lost_character(before: &str, after: Option<char>) -> bool {
    const QUESTION_WORDS: &[&str] = &[
        "吗", "呢", "吧", "么", "啊", "呀", "哪", "谁", "何", "几", "怎", "多少", "是否", "能否",
        "可否", "难道", "岂", "为啥",
    ];
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| crate::chars::is_cjk_punct(c) && c != '“' && c != '”' || c == '?')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &before[clause_start..];
    before
        .chars()
        .next_back()
        .is_some_and(crate::chars::is_chinese)
        && after.is_some_and(crate::chars::is_han)
        && !QUESTION_WORDS.iter().any(|word| clause.contains(word))
}

impl Rule for MissingGlyph {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks {
            if !TRIGGERS.in_text(&block.text) && !may_hold_control(&block.text) {
                continue;
            }
            let mut chars = block.text.char_indices().peekable();
            while let Some((offset, c)) = chars.next() {
                let after = chars.peek().map(|&(_, c)| c);
                let message = match describe(c) {
                    Some(message) => message,
                    None if c == '?' && is_lost_character(&block.text[..offset], after) => {
                        "“?”处疑缺字：这里的字在转码时丢失，被换成了问号".to_owned()
                    }
                    None => continue,
                };
                let opens_byline = offset == 0 && (block.kind == BlockKind::Byline || c == '■');
                let leads_block = block.text[..offset].chars().all(crate::chars::is_blank);
                if opens_byline || leads_block && matches!(c, '□' | '■') {
                    continue;
                }
                findings.at(block, offset..offset + c.len_utf8(), message);
            }
        }
    }
}
