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
    /// copydesk 按排版的方式读这一页：从各行的宽度推断每一栏的栏宽（各栏、标题框可以不同宽；
    /// 标点按全角还是压缩计、中西文之间有没有留空，也由本页的行来定），下一行开头的字
    /// （连同行首不能出现的标点）排不下的行是满行，段落在下一行接着；没排满的行是段尾，
    /// 除非它以“，”“、”结尾，或是句子没完、只差一两个字排满（排版软件优化断行留下的），
    /// 或是提取工具在压缩标点处把一个印刷行拆成了几行（`pdftotext -raw`）；
    /// 行首不会是“，。、）””之类的标点，以它开头的行接在上一行后面。段首缩进丢了的版面上，
    /// 比栏宽短两个字的行是新段的第一行。没有标点、比栏宽长或中间有空格的行是标题，
    /// 在窄栏或侧框里折成几行的标题接回一行；署名行（`□首席记者 陈晓苏`）单独成段，
    /// 被栏宽折断的署名接回。在 Markdown 里，中文段落中的换行会被渲染成一个多余的空格，同样提示。
    ///
    /// 修复（安全）：删去段内的换行和空行，把这一段接成一行；不增删任何文字。
    ///
    /// 仅凭文字无法判断的换行（版面不缩进、上一行恰好排满并以句号结束、中间没有空行）保留不动，
    /// 另给一条提示，修复是建议（不自动应用）：需要时把它和下一段接起来。
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
        for block in document.blocks {
            let Some((range, join)) = &block.undecided_break else {
                continue;
            };
            let edit = Edit {
                range: range.clone(),
                new_text: (*join).to_owned(),
            };
            findings
                .at_source(
                    range.clone(),
                    "上一行恰好排满、以句末标点结束：这里可能是分段，也可能只是折行，已保留换行"
                        .to_owned(),
                )
                .fixes
                .push(Fix::suggestion("与下一段接成一段", vec![edit]));
        }
    }
}
