use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::chars::{holds_blank, is_blank, is_chinese};
use crate::conventions::{dateline_len, headline_spans, reporter_credits, separates_parts};
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
    /// （`精密智控打好两战 夺取下半场新胜利`）——包括标题式的文字：提要、列表里引用的标题
    /// （`4.神舟十九号发射在即 各系统准备就绪；`）、单独成行没有句读的小标题、
    /// 栏目标签和书名、引号里的口号（`【学思想 强党性 重实践 建新功】`），
    /// 以及用空格隔开的名单（`副书记　刘金国　张升民`）。汉字与数字、西文之间本来就不加空格，这里也不查。
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
        for block in document.blocks {
            let text = &block.text;
            if !holds_blank(text) || separates_parts(block) {
                continue;
            }
            let dateline_end = dateline_len(text).unwrap_or(0);
            let mut conventional_spans: Vec<_> = reporter_credits(text).collect();
            conventional_spans.extend(headline_spans(text));
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
                // A line break that Markdown or HTML render as a space is
                // broken-wrap's to judge.
                let source = &document.source.text()[block.source_range(range.clone())];
                if source.contains(['\n', '\r']) {
                    continue;
                }
                // After a dateline, and after the colon that may close it
                // (`央视网消息（新闻联播）： 美国…`).
                let after_dateline = dateline_end > 0
                    && text
                        .get(dateline_end..range.start)
                        .is_some_and(|between| between.trim_start_matches(['：', ':']).is_empty());
                let conventional = after_dateline
                    || conventional_spans
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
