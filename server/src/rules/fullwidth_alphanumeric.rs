use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::chars::chars_led_by;
use crate::finding::Fix;
use std::ops::Range;

declare_rule! {
    /// # fullwidth-alphanumeric
    ///
    /// 用了全角的数字或拉丁字母，如 `１２３`、`ＧＤＰ`。
    ///
    /// 按 GB/T 15835-2011《出版物上数字用法》，阿拉伯数字和西文字母用半角。
    /// 全角字符在检索、统计和排版时都会被当作别的字，`２０２４年` 搜不到 `2024年`。
    ///
    /// 汉字数字年份里的全角零（`二０００年`）是 `〇` 写错了，归 `number-form`。
    ///
    /// 修复（安全）：换成半角，每个字符只改形式、不改内容。
    ///
    /// ```text
    /// 错：全市ＧＤＰ增长５．２％
    /// 对：全市GDP增长5.2％
    /// ```
    FullwidthAlphanumeric { id: "fullwidth-alphanumeric", severity: Warning, family: Form }
}

/// The maximal runs of full-width digits and letters in `text`, with a
/// full-width point inside a number (５．２). A run is found by the byte that
/// leads every full-width form (U+FFxx: `EF`): far cheaper than decoding
/// every character, and most paragraphs hold none.
fn fullwidth_runs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut resume = 0;
    chars_led_by(text, &[0xEF]).filter_map(move |(start, first)| {
        if start < resume || !is_fullwidth_alphanumeric(first) {
            return None;
        }
        let mut chars = text[start..].chars().peekable();
        let mut end = start;
        while let Some(c) = chars.next() {
            let next = chars.peek().copied();
            let in_number = is_fullwidth_alphanumeric(c)
                || c == '．'
                    && next.is_some_and(|n| n.is_ascii_digit() || matches!(n, '０'..='９'));
            if !in_number {
                break;
            }
            end += c.len_utf8();
        }
        resume = end;
        Some(start..end)
    })
}

fn is_fullwidth_alphanumeric(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Full-width digits and letters, and the full-width point between digits.
fn half_width(c: char) -> char {
    if c == '．' {
        return '.';
    }
    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
}

impl Rule for FullwidthAlphanumeric {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks {
            let mut runs = fullwidth_runs(&block.text).peekable();
            if runs.peek().is_none() {
                continue;
            }
            // The zeros of a year in Chinese numerals (`二０００年`) stand
            // for 〇: number-form's, not half-width digits.
            let years: Vec<_> = super::number_form::chinese_numeral_years(&block.text).collect();
            for range in runs {
                if years
                    .iter()
                    .any(|y| y.start <= range.start && range.end <= y.end)
                {
                    continue;
                }
                let original = &block.text[range.clone()];
                let converted: String = original.chars().map(half_width).collect();
                let message = format!("全角字符“{original}”应为半角“{converted}”");
                let fix = block
                    .edit(range.clone(), converted.clone())
                    .map(|e| Fix::safe(format!("改为半角“{converted}”"), vec![e]));
                findings.at(block, range, message).fixes.extend(fix);
            }
        }
    }
}
