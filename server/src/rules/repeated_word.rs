use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::finding::Fix;
use crate::tokens::both_single_char_words;

declare_rule! {
    /// # repeated-word
    ///
    /// 虚词重复：`的的`、`了了`、`在在`、`是是`。
    ///
    /// 多是改稿时增删字句留下的。只查常见的虚词和代词，并且按分词判断两个字各自成词时才提示：
    /// 汉语正常的叠用（`常常`、`实实在在`、`不了了之`、`和和美美`）是一个词，
    /// 前一个词的末字碰上后一个词的首字（`研究所所长`、`目的的`、`取得了了不起的成绩`、
    /// `碳中和和`、`颇有见地地`）也不是重复；词典不认识的词（`见地`、`对台`）从旁边落单的字看出来。
    ///
    /// 修复（建议）：删去一个。需要编辑确认，因为也可能是别的字写错了。
    ///
    /// ```text
    /// 错：这是我们的的责任
    /// 对：这是我们的责任
    /// ```
    RepeatedWord { id: "repeated-word", severity: Warning, family: Form, needs_words: true }
}

/// Function characters that do not reduplicate in news prose. Left out on
/// purpose: 等 (等等), 个 (个个), 一 (一一), 天 (天天).
fn is_function_char(c: char) -> bool {
    matches!(
        c,
        '的' | '了'
            | '在'
            | '是'
            | '和'
            | '与'
            | '及'
            | '把'
            | '被'
            | '对'
            | '从'
            | '向'
            | '就'
            | '也'
            | '都'
            | '还'
            | '又'
            | '将'
            | '这'
            | '那'
            | '为'
            | '于'
            | '而'
            | '或'
            | '但'
            | '给'
            | '让'
            | '以'
            | '我'
            | '你'
            | '他'
            | '她'
            | '它'
            | '着'
            | '过'
            | '地'
            | '吗'
            | '呢'
            | '吧'
            | '之'
            | '其'
            | '并'
            | '所'
    )
}

/// Whether the doubled character at `first..end` is half of an AABB
/// reduplication (`和和美美`, `的的确确`): another doubled character right
/// after it, or right before it.
fn is_reduplication(text: &str, first: usize, end: usize) -> bool {
    let doubled = |mut chars: std::str::Chars<'_>| matches!((chars.next(), chars.next()), (Some(a), Some(b)) if a == b && crate::chars::is_han(a));
    let pair = &text[first..end];
    doubled(text[end..].chars()) && !text[end..].starts_with(pair)
        || doubled(text[..first].chars().rev().collect::<String>().chars())
            && !text[..first].ends_with(pair)
}

impl Rule for RepeatedWord {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks {
            let text = &block.text;
            let mut previous: Option<(usize, char)> = None;
            for (offset, c) in text.char_indices() {
                if let Some((first, p)) = previous
                    && p == c
                    && is_function_char(c)
                    && !is_reduplication(text, first, offset + c.len_utf8())
                    && both_single_char_words(text, first, offset, is_function_char)
                {
                    let end = offset + c.len_utf8();
                    let message = format!("“{c}”重复，疑为多打了一个");
                    let fix = block
                        .edit(offset..end, "")
                        .map(|e| Fix::suggestion(format!("删去一个“{c}”"), vec![e]));
                    findings.at(block, first..end, message).fixes.extend(fix);
                    previous = None;
                    continue;
                }
                previous = Some((offset, c));
            }
        }
    }
}
