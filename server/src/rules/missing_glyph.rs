use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::blocks::BlockKind;

declare_rule! {
    /// # missing-glyph
    ///
    /// 正文里出现了 `□`、`■`、`〓`、替换字符 `�`（U+FFFD）或控制字符：多半是排版字体缺这个字。
    ///
    /// 排版系统遇到字库里没有的字（常是人名、地名里的生僻字）会印成方块或 `〓`；
    /// 转码出错会留下 `�`；从别的系统复制来的文字可能夹着看不见的控制字符。
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

impl Rule for MissingGlyph {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks {
            for (offset, c) in block.text.char_indices() {
                let Some(message) = describe(c) else {
                    continue;
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
