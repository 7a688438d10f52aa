use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::chars::runs;
use crate::finding::Fix;

declare_rule! {
    /// # duplicate-punctuation
    ///
    /// 标点重复：`。。`、`，，`、`、、`、`，。`。
    ///
    /// 多是改稿时删字留下的，或两人先后加了标点。GB/T 15834-2011 规定一处只用一个点号。
    /// 三个及以上的句号是省略号的误用，归 `ellipsis-dash` 处理；`！！`、`？！` 这类
    /// 表达语气的连用不在此列。
    ///
    /// 修复（安全）：去掉多余的一个；两个不同的点号，保留语气更重的那个（句号 > 分号 > 冒号 > 逗号 > 顿号）。
    ///
    /// ```text
    /// 错：会议强调，，当前疫情防控已进入新阶段。。
    /// 对：会议强调，当前疫情防控已进入新阶段。
    /// ```
    DuplicatePunctuation { id: "duplicate-punctuation", severity: Warning, family: Form }
}

/// How strongly a mark ends: the one to keep when two stand together.
fn strength(c: char) -> Option<u8> {
    match c {
        '、' => Some(1),
        '，' => Some(2),
        '：' => Some(3),
        '；' => Some(4),
        '。' => Some(5),
        _ => None,
    }
}

/// Whether two of the marks [`strength`] ranks stand side by side: most
/// paragraphs have none, and this looks only at the characters led by the
/// bytes of those marks (`E3` for 、。, `EF` for ，：；), not at every one.
fn holds_two_marks_in_a_row(text: &str) -> bool {
    crate::chars::chars_led_by(text, &[0xE3, 0xEF]).any(|(at, c)| {
        strength(c).is_some()
            && text[at + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|next| strength(next).is_some())
    })
}

impl Rule for DuplicatePunctuation {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks {
            if !holds_two_marks_in_a_row(&block.text) {
                continue;
            }
            let marks = runs(
                &block.text,
                |c| strength(c).is_some(),
                |_, c, _| strength(c).is_some(),
            );
            for run in marks {
                let all_full_stops = block.text[run.range.clone()].chars().all(|c| c == '。');
                if run.count < 2 || all_full_stops && run.count >= 3 {
                    continue;
                }
                let keep = block.text[run.range.clone()]
                    .chars()
                    .max_by_key(|&c| strength(c))
                    .expect("run is not empty");
                let range = run.range;
                let original = &block.text[range.clone()];
                let message = format!("标点重复“{original}”，只应保留“{keep}”");
                let fix = block
                    .edit(range.clone(), keep.to_string())
                    .map(|e| Fix::safe(format!("只保留“{keep}”"), vec![e]));
                findings.at(block, range, message).fixes.extend(fix);
            }
        }
    }
}
