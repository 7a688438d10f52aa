use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::chars::{Triggers, is_chinese, runs};
use crate::finding::Fix;
use std::sync::LazyLock;

/// The shortest run of each kind that [`correction`] corrects.
static TRIGGERS: LazyLock<Triggers> =
    LazyLock::new(|| Triggers::new(["...", "。。。", "…", "···", "--", "－－"]));

declare_rule! {
    /// # ellipsis-dash
    ///
    /// 省略号、破折号写法不对：`...`、`。。。`、单独一个 `…` 应为 `……`；
    /// `--`、`－－` 应为 `——`。
    ///
    /// GB/T 15834-2011 规定中文的省略号占两个字的位置（`……`，六个点），
    /// 破折号也占两个字的位置（`——`）。用英文句点、句号或连字符拼出来的，
    /// 印出来长短、高低都不对。
    ///
    /// 只查中文行文里的写法，英文句子里的 `...` 不查。
    ///
    /// 修复（安全）：换成 `……` 或 `——`。
    ///
    /// ```text
    /// 错：他说...我们一定能行。。。
    /// 对：他说……我们一定能行……
    /// 错：永康--五金之都
    /// 对：永康——五金之都
    /// ```
    EllipsisDash { id: "ellipsis-dash", severity: Warning, family: Form }
}

/// What a run of one character should be, if it is a malformed ellipsis or
/// dash: `(correct form, what it is)`.
fn correction(c: char, count: usize) -> Option<(&'static str, &'static str)> {
    match (c, count) {
        ('.', 3..) | ('。', 3..) | ('…', 1 | 3) | ('·', 3..) => Some(("……", "省略号")),
        // A single — between words is the connecting dash (东盟—中日韩), not a
        // short dash.
        ('-', 2..) | ('－', 2..) => Some(("——", "破折号")),
        _ => None,
    }
}

impl Rule for EllipsisDash {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks {
            if !TRIGGERS.in_text(&block.text) {
                continue;
            }
            let may_be_wrong = |c| matches!(c, '.' | '。' | '…' | '·' | '-' | '－');
            for run in runs(&block.text, may_be_wrong, |first, c, _| c == first) {
                let Some((correct, name)) = correction(run.first, run.count) else {
                    continue;
                };
                let in_chinese =
                    run.before.is_some_and(is_chinese) || run.after.is_some_and(is_chinese);
                // ASCII runs count only in Chinese text.
                if run.first.is_ascii() && !in_chinese {
                    continue;
                }
                let range = run.range;
                let original = &block.text[range.clone()];
                let fix = block
                    .edit(range.clone(), correct)
                    .map(|e| Fix::safe(format!("改为{name}“{correct}”"), vec![e]));
                findings
                    .at(
                        block,
                        range,
                        format!("{name}应写作“{correct}”，不应写作“{original}”"),
                    )
                    .fixes
                    .extend(fix);
            }
        }
    }
}
