use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::finding::{Edit, Fix};
use crate::source::Language;

declare_rule! {
    /// # broken-wrap
    ///
    /// 段落内有硬换行：一段话被拆成了好几行。
    ///
    /// 从排版系统或 PDF 里复制出来的稿子，每行在栏宽处（常见 12 到 26 个字）断开，
    /// 行与行之间往往还夹着空行；原来的段首缩进丢了，所以每段第一行比整行短两个字。
    /// 这样的稿子在编辑器里无法按段落编辑，人名、数字会被拆到两行
    /// （`蒋震` / `雷`），再次排版时还会在断行处多出空格。
    ///
    /// copydesk 从全篇的行宽推断栏宽（标点、西文按半个字计，印刷时它们会被压缩），
    /// 整行视为段落的延续，短两个字的行视为段首，更短的行视为段尾；
    /// 比栏宽长或中间有空格的行是标题，署名行（`□首席记者 陈晓苏`）单独成段。
    /// 在 Markdown 里，中文段落中的换行会被渲染成一个多余的空格，同样提示。
    ///
    /// 修复（安全）：删去段内的换行和空行，把这一段接成一行；不增删任何文字。
    ///
    /// ```text
    /// 错：会议以视频形式召开，我市领导
    ///
    ///     金政、张群环、胡积合、周启标、蒋震
    ///
    ///     雷、吴婉珍在永康分会场参加会议。
    /// 对：会议以视频形式召开，我市领导金政、张群环、胡积合、周启标、蒋震雷、吴婉珍在永康分会场参加会议。
    /// ```
    BrokenWrap { id: "broken-wrap", severity: Warning, family: Form }
}

impl Rule for BrokenWrap {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks.iter().filter(|b| !b.wraps.is_empty()) {
            let lines = block.wraps.len() + 1;
            let message = match document.source.language() {
                Language::Markdown | Language::Html => {
                    "中文段落内换行，渲染后会多出空格".to_owned()
                }
                Language::PlainText => format!("一段话被硬换行拆成了 {lines} 行"),
            };
            let edits = block
                .wraps
                .iter()
                .zip(&block.wrap_joins)
                .map(|(range, join)| Edit {
                    range: range.clone(),
                    new_text: (*join).to_owned(),
                })
                .collect();
            findings
                .at_source(block.full_source_range(), message)
                .fixes
                .push(Fix::safe("把本段接成一行", edits));
        }
    }
}
