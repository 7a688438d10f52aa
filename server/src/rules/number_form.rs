use super::{Document, Findings, Rule, RuleInfo, declare_rule};
use crate::finding::Fix;

declare_rule! {
    /// # number-form
    ///
    /// 汉字数字的年份里，零写成了 `○`（几何图形圆圈 U+25CB）、`零`、拉丁字母 `O`
    /// 或阿拉伯数字 `0`（半角、全角都算：`二０００年`）。
    ///
    /// GB/T 15835-2011《出版物上数字用法》规定，汉字数字里的“零”在年份这类
    /// 数字串中写作 `〇`（U+3007，是汉字），如 `二〇〇一年`。`○` 是图形符号，
    /// 字体、字宽和检索都与 `〇` 不同；`二零二四年`、`一九九O年` 也不合规范。
    ///
    /// 修复：把年份里的零换成 `〇`。`○` 换 `〇` 只是改字形，是安全修复；
    /// `零`、`O`、`0`、`０` 是别的字符，作为建议由编辑确认。
    ///
    /// ```text
    /// 错：二○○一年　二零二四年　一九九O年
    /// 对：二〇〇一年　二〇二四年　一九九〇年
    /// ```
    NumberForm { id: "number-form", severity: Warning, family: Form }
}

/// Years written in Chinese numerals and 年: the four numerals before each
/// 年, with at least one of 一 to 九 among them, and zeros written any way
/// (which the rule then looks at). Every zero of such a year is this rule's,
/// full-width digits too (`二０００年`): `fullwidth-alphanumeric` leaves them.
pub(super) fn chinese_numeral_years(
    text: &str,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let is_numeral = |c: char| "〇○零一二三四五六七八九Oo0０ＯｏΟ".contains(c);
    crate::chars::find_all(text, "年").filter_map(move |year| {
        let numerals = text[..year].char_indices().rev().take(4);
        let (start, _) = numerals.filter(|&(_, c)| is_numeral(c)).nth(3)?;
        let numeral = &text[start..year];
        numeral
            .contains(|c| "一二三四五六七八九".contains(c))
            .then_some(start..year)
    })
}

fn is_wrong_zero(c: char) -> bool {
    matches!(c, '○' | '零' | 'O' | 'o' | '0' | '０' | 'Ｏ' | 'ｏ' | 'Ο')
}

impl Rule for NumberForm {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, document: &Document<'_>, findings: &mut Findings<'_>) {
        for block in document.blocks {
            let text = &block.text;
            for numeral_range in chinese_numeral_years(text) {
                let numeral = &text[numeral_range.clone()];
                if !numeral.chars().any(is_wrong_zero) {
                    continue;
                }
                let range = numeral_range;
                let edits: Vec<_> = numeral
                    .char_indices()
                    .filter(|&(_, c)| is_wrong_zero(c))
                    .filter_map(|(i, c)| {
                        block.edit(range.start + i..range.start + i + c.len_utf8(), "〇")
                    })
                    .collect();
                let correct: String = numeral
                    .chars()
                    .map(|c| if is_wrong_zero(c) { '〇' } else { c })
                    .collect();
                // ○ for 〇 is a change of form; 零, O and 0 are other characters,
                // which only an editor may replace.
                let title = format!("改为“{correct}”");
                let only_circles = numeral
                    .chars()
                    .filter(|&c| is_wrong_zero(c))
                    .all(|c| c == '○');
                let fix = (!edits.is_empty()).then(|| match only_circles {
                    true => Fix::safe(title, edits),
                    false => Fix::suggestion(title, edits),
                });
                findings
                    .at(
                        block,
                        range,
                        format!("年份中的零应写作“〇”：“{numeral}”应为“{correct}”"),
                    )
                    .fixes
                    .extend(fix);
            }
        }
    }
}
