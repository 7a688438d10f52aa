use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::blocks::BlockKind;
use crate::chars::{is_blank, is_chinese};
use crate::conventions::{dateline_len, reporter_credits};
use crate::finding::Fix;

declare_rule! {
    /// # cjk-space
    ///
    /// 正文里两个汉字（或汉字与中文标点）之间有空格。
    ///
    /// 中文行文不用空格分词。正文里的空格多是从 PDF、网页复制时带进来的，
    /// 或是删字后留下的，印出来是一个突兀的空当。
    ///
    /// 不算错误的（新闻惯例）：电头后的空格（`本报讯 21日，`）、署名里职务与姓名之间的空格
    /// （`□记者 李娜 通讯员 张伟`，`（记者 王明）`）、标题里分隔两部分的空格
    /// （`精密智控打好两战 夺取下半场新胜利`）。汉字与数字、西文之间本来就不加空格，这里也不查。
    ///
    /// 修复（安全）：删去空格。
    ///
    /// ```text
    /// 错：全市上下正在 一手抓疫情防控
    /// 对：全市上下正在一手抓疫情防控
    /// ```
    CjkSpace { id: "cjk-space", severity: Warning, family: Form }
}

impl Rule for CjkSpace {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
        {
            let text = &block.text;
            if !text.contains(is_blank) {
                continue;
            }
            let dateline_end = dateline_len(text).unwrap_or(0);
            let credits: Vec<_> = reporter_credits(text).collect();
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut index = 1;
            while index < chars.len() {
                if !is_blank(chars[index].1) {
                    index += 1;
                    continue;
                }
                let start = index;
                while index < chars.len() && is_blank(chars[index].1) {
                    index += 1;
                }
                let Some(&(end, after)) = chars.get(index) else {
                    break;
                };
                let before = chars[start - 1].1;
                let range = chars[start].0..end;
                let conventional = range.start == dateline_end
                    || credits
                        .iter()
                        .any(|c| c.start < range.start && range.end <= c.end);
                if is_chinese(before) && is_chinese(after) && !conventional {
                    let fix = block
                        .edit(range.clone(), "")
                        .map(|e| Fix::safe("删去空格", vec![e]));
                    findings
                        .at(block, range, format!("“{before}”与“{after}”之间不应有空格"))
                        .fixes
                        .extend(fix);
                }
            }
        }
    }
}
