use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::chars::runs;
use crate::finding::Fix;

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
            if block.text.is_ascii() {
                continue;
            }
            // A full-width point inside a number belongs to the run (５．２).
            let in_number = |_, c, next: Option<char>| {
                is_fullwidth_alphanumeric(c)
                    || c == '．'
                        && next.is_some_and(|n| n.is_ascii_digit() || matches!(n, '０'..='９'))
            };
            // The zeros of a year in Chinese numerals (`二０００年`) stand
            // for 〇: number-form's, not half-width digits.
            let years: Vec<_> = super::number_form::chinese_numeral_years(&block.text).collect();
            for run in runs(&block.text, is_fullwidth_alphanumeric, in_number) {
                let range = run.range;
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
